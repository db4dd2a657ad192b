import type { Outcome } from "./executions.js";

// Colours of the timeline, shared by the page's CSS (DOM bars) and its script (canvas bars).

export const OUTCOME_COLORS: Record<Outcome, string> = {
  succeeded: "#1f9d63",
  failed: "#e0454b",
  retried: "#f29d1f",
  discarded: "#8b5cf6",
  killed: "#2a2a33",
  lost: "#8a6d55",
  running: "#9aa8ba",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  succeeded: "succeeded",
  failed: "failed",
  retried: "retried (error handled, re-enqueued)",
  discarded: "discarded",
  killed: "killed (process died)",
  lost: "lost result",
  running: "running at end of trace",
};

export const MARK_COLORS = { scheduled: "#2563eb", recurring: "#0d9488", link: "#4f46e5", death: "#c81e1e" } as const;
