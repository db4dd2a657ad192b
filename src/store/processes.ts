import type { Store } from "./store.js";
import { dbTime, parseDbTime } from "./time.js";

// solid_queue_processes: registered supervisors, workers, dispatchers, schedulers (spec §5).

export interface ProcessRow {
  id: number;
  kind: string;
  name: string;
  lastHeartbeatAt: number;
  supervisorId: number | null;
  pid: number;
}

export function registerProcess(
  store: Store,
  p: { kind: string; name: string; pid: number; hostname: string; supervisorId: number | null; metadata: Record<string, unknown> },
): number {
  const id = store.nextId("solid_queue_processes");
  const now = store.nowText();
  store.db.write(
    "INSERT INTO solid_queue_processes (id, kind, last_heartbeat_at, supervisor_id, pid, hostname, metadata, created_at, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [id, p.kind, now, p.supervisorId, p.pid, p.hostname, JSON.stringify(p.metadata), now, p.name],
  );
  return id;
}

/** Updates last_heartbeat_at (to now, or the given wall time); false when the row is gone. */
export function heartbeat(store: Store, processId: number, at?: number): boolean {
  store.db.write("UPDATE solid_queue_processes SET last_heartbeat_at = ? WHERE id = ?", [at === undefined ? store.nowText() : dbTime(at), processId]);
  return store.db.changes() > 0;
}

export function updateProcessMetadata(store: Store, processId: number, metadata: Record<string, unknown>): void {
  store.db.write("UPDATE solid_queue_processes SET metadata = ? WHERE id = ?", [JSON.stringify(metadata), processId]);
}

export function deleteProcess(store: Store, processId: number): boolean {
  store.db.write("DELETE FROM solid_queue_processes WHERE id = ?", [processId]);
  const deleted = store.db.changes() > 0;
  if (deleted) store.onProcessDeleted(processId);
  return deleted;
}

const PRUNABLE = "SELECT id, kind, name, last_heartbeat_at, supervisor_id, pid FROM solid_queue_processes WHERE last_heartbeat_at <= ? AND id <> ? ORDER BY id";

/**
 * Processes whose last heartbeat is at or before now - threshold, except `exceptId`. When
 * `beatsFresh` (the heartbeat interval is shorter than the threshold), a beat skipped lazily is
 * at most one interval old, never stale, so writing it cannot make a fresh row stale, even after
 * a clock jump back: the rows that look stale are read first, and when each of them is a live
 * process whose skipped beat is fresh, none is prunable and nothing is written. Otherwise the
 * skipped beats are written and the rows read again. (Writing them at every prune, every 5
 * virtual minutes, was a third of an idle month's cost.)
 */
export function prunableProcesses(store: Store, thresholdMs: number, exceptId: number, beatsFresh: boolean): ProcessRow[] {
  const cutoff = dbTime(store.now() - thresholdMs);
  const params = [cutoff, exceptId];
  if (beatsFresh && store.db.rows(PRUNABLE, params).every(([id]) => beatAfter(store.pendingBeat(id as number), cutoff))) return [];
  store.beforeProcessRead();
  return store.db
    .rows(PRUNABLE, params)
    .map((r) => ({
      id: r[0] as number,
      kind: r[1] as string,
      name: r[2] as string,
      lastHeartbeatAt: parseDbTime(r[3] as string),
      supervisorId: r[4] as number | null,
      pid: r[5] as number,
    }));
}

export function processByName(store: Store, name: string): ProcessRow | undefined {
  const r = store.db.row("SELECT id, kind, name, last_heartbeat_at, supervisor_id, pid FROM solid_queue_processes WHERE name = ?", [name]);
  return r === undefined
    ? undefined
    : { id: r[0] as number, kind: r[1] as string, name: r[2] as string, lastHeartbeatAt: parseDbTime(r[3] as string), supervisorId: r[4] as number | null, pid: r[5] as number };
}

/** Whether a skipped beat, once written, would be later than `cutoff` (compared as SQL does). */
function beatAfter(wall: number | undefined, cutoff: string): boolean {
  return wall !== undefined && dbTime(wall) > cutoff;
}
