import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { tempDir } from "../helpers/temp.js";

// Debian's Chromium, headless, driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: we write commands to its fd 3, read replies and events from its
// fd 4, each message JSON ending in a NUL). No dependency; a fresh profile under os.tmpdir().

export function findChromium(): string | undefined {
  const onPath = (process.env.PATH ?? "").split(delimiter).flatMap((d) => ["chromium", "chromium-browser"].map((n) => join(d, n)));
  return ["/usr/bin/chromium", ...onPath].find((p) => existsSync(p));
}

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--remote-debugging-pipe"];

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface PageProblems {
  /** console.error / console.warn lines, uncaught exceptions and browser log errors. */
  console: string[];
}

export class Chromium {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((m: Message) => void)[] = [];

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profile: string,
  ) {
    const out = proc.stdio[4] as Readable;
    let pending = "";
    out.setEncoding("utf8");
    out.on("data", (chunk: string) => {
      pending += chunk;
      let at: number;
      while ((at = pending.indexOf("\0")) >= 0) {
        const m = JSON.parse(pending.slice(0, at)) as Message;
        pending = pending.slice(at + 1);
        if (m.id !== undefined) {
          const w = this.waiting.get(m.id);
          this.waiting.delete(m.id);
          if (m.error !== undefined) w?.reject(new Error(m.error.message));
          else w?.resolve(m.result ?? {});
        } else for (const l of this.listeners) l(m);
      }
    });
  }

  static launch(binary: string): Chromium {
    const profile = tempDir("chromium");
    const proc = spawn(binary, [...FLAGS, `--user-data-dir=${profile}`, "about:blank"], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
    proc.stderr!.resume();
    return new Chromium(proc, profile);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.next++;
    const msg = JSON.stringify({ id, method, params, ...(sessionId !== undefined ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      (this.proc.stdio[3] as Writable).write(`${msg}\0`);
    });
  }

  /** Opens url in a new 1400x900 tab and waits until body[data-ready] (the page drew itself). */
  async open(url: string, timeoutMs = 30_000): Promise<Tab> {
    const { targetId } = (await this.send("Target.createTarget", { url: "about:blank" })) as { targetId: string };
    const { sessionId } = (await this.send("Target.attachToTarget", { targetId, flatten: true })) as { sessionId: string };
    const problems: PageProblems = { console: [] };
    this.listeners.push((m) => {
      if (m.sessionId !== sessionId || m.params === undefined) return;
      const p = m.params as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "warning" || p.type === "assert")) {
        problems.console.push(`console.${p.type}: ${(p.args ?? []).map((a: { value?: unknown; description?: string }) => a.value ?? a.description).join(" ")}`);
      } else if (m.method === "Runtime.exceptionThrown") problems.console.push(`exception: ${p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text}`);
      else if (m.method === "Log.entryAdded" && p.entry?.level === "error") problems.console.push(`log: ${p.entry.text}`);
    });
    const tab = new Tab(this, sessionId, problems);
    await tab.send("Runtime.enable");
    await tab.send("Log.enable");
    await tab.send("Page.enable");
    await tab.send("Emulation.setDeviceMetricsOverride", { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });
    const t0 = performance.now();
    await tab.send("Page.navigate", { url });
    for (;;) {
      if ((await tab.evaluate("document.body && document.body.getAttribute('data-ready')")) === "1") break;
      if (performance.now() - t0 > timeoutMs) throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
    tab.readyMs = performance.now() - t0;
    return tab;
  }

  /** Ends this browser (and only it) and removes its profile. */
  async close(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      // Browser.close lets Chromium end its helper processes and stop writing the profile.
      const exited = new Promise((r) => this.proc.once("exit", r));
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5000);
      this.send("Browser.close").catch(() => this.proc.kill("SIGKILL"));
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}

export class Tab {
  /** Real ms from navigation to body[data-ready="1"]: the page's time to interactive. */
  readyMs = NaN;

  constructor(
    private readonly browser: Chromium,
    private readonly sessionId: string,
    readonly problems: PageProblems,
  ) {}

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** The value of a JavaScript expression in the page (promises awaited); page errors thrown. */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const r = (await this.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })) as { result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (r.exceptionDetails !== undefined) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  /** A PNG of the page region (CSS px, page coordinates), beyond the viewport too. */
  async screenshot(clip: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const r = (await this.send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true, clip: { ...clip, scale: 1 } })) as { data: string };
    return Buffer.from(r.data, "base64");
  }
}
