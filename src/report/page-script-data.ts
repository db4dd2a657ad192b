// The page script, part 0: decodes a scenario's columns (page-columns.ts) into the flat arrays
// the timeline and tables read, and sums each Active Job's executions (starts, waits, run time,
// attempts, last error) for the jobs table and the failures card.

export const EXEC_STRIDE = 11; // lane, start, end, outcome, jobId, group, nudge, class, queue, note, priority
export const EVENT_STRIDE = 10; // t, seq, type, jobId, class, queue, process, thread, (unused), detail

export const PAGE_SCRIPT_DATA = String.raw`
function undelta(a) { var out = new Array(a.length), v = 0; for (var i = 0; i < a.length; i++) { v += a[i]; out[i] = v; } return out; }

/** A column's values: plain, or expanded from runs { rle: [value, count, ...] } (columns.ts). */
function unpack(c) {
  if (!c || !c.rle) return c;
  var out = [], r = c.rle;
  for (var i = 0; i < r.length; i += 2) for (var k = 0; k < r[i + 1]; k++) out.push(r[i]);
  return out;
}
function unpackAll(o) { for (var k in o) if (o[k] && o[k].rle) o[k] = unpack(o[k]); }

function decodeScenario(sc) {
  unpackAll(sc.x); unpackAll(sc.jobs); unpackAll(sc.events);
  var x = sc.x, n = x.lane.length, t0 = sc.t0, J = sc.jobs, G = J.cls.length;
  var start = undelta(x.start), job = undelta(x.job), group = undelta(x.group);
  J.ids = undelta(J.id);
  J.enqT = undelta(J.enq).map(function (v) { return v + t0; });
  J.moreOf = {};
  for (var m = 0; m < J.more.length; m += 2) (J.moreOf[J.more[m]] = J.moreOf[J.more[m]] || []).push(J.more[m + 1]);
  var X = new Float64Array(n * ${EXEC_STRIDE});
  for (var i = 0; i < n; i++) {
    var o = i * ${EXEC_STRIDE}, g = group[i];
    X[o] = x.lane[i]; X[o + 1] = t0 + start[i]; X[o + 2] = X[o + 1] + x.dur[i]; X[o + 3] = x.outcome[i];
    X[o + 4] = job[i]; X[o + 5] = g; X[o + 6] = x.nudge[i]; X[o + 7] = J.cls[g]; X[o + 8] = J.queue[g];
    X[o + 9] = x.note[i]; X[o + 10] = J.prio[g];
  }
  sc.execs = X;
  sc.waits = x.wait;
  sc.groups = { length: G };
  // Per Active Job: first start, last end, attempts, longest wait, total run time, last error.
  var A = { first: new Int32Array(G).fill(-1), next: new Int32Array(n).fill(-1), attempts: new Int32Array(G), attempt: new Int32Array(n),
    start: new Float64Array(G).fill(NaN), end: new Float64Array(G).fill(NaN), wait: new Float64Array(G).fill(-1), run: new Float64Array(G), err: new Int32Array(G).fill(-1) };
  var last = new Int32Array(G).fill(-1), bad = { failed: 1, retried: 1, discarded: 1, killed: 1, lost: 1 };
  for (var k = 0; k < n; k++) {
    var q = k * ${EXEC_STRIDE}, gg = X[q + 5];
    if (last[gg] < 0) { A.first[gg] = k; A.start[gg] = X[q + 1]; } else A.next[last[gg]] = k;
    last[gg] = k;
    A.attempt[k] = ++A.attempts[gg];
    A.end[gg] = X[q + 2];
    if (x.wait[k] > A.wait[gg]) A.wait[gg] = x.wait[k];
    A.run[gg] += X[q + 2] - X[q + 1];
    if (bad[sc.outcomes[X[q + 3]]] && X[q + 9] >= 0) A.err[gg] = X[q + 9];
  }
  sc.agg = A;
  [sc.scheduled, sc.recurring].forEach(function (f) { var t = t0; for (var k = 0; k < f.length; k += 2) { t += f[k]; f[k] = t; } });
  sc.depth.forEach(function (d) { var t = t0; for (var k = 0; k < d.p.length; k += 3) { t += d.p[k]; d.p[k] = t; } });
  var E = sc.events, ne = E.type.length, et = undelta(E.t), es = undelta(E.seq), R = new Array(ne * ${EVENT_STRIDE});
  for (var e = 0; e < ne; e++) {
    var r = e * ${EVENT_STRIDE};
    R[r] = t0 + et[e]; R[r + 1] = es[e]; R[r + 2] = E.type[e]; R[r + 3] = E.job[e]; R[r + 4] = E.cls[e]; R[r + 5] = E.queue[e];
    R[r + 6] = E.process[e]; R[r + 7] = E.thread[e]; R[r + 8] = -1; R[r + 9] = E.detail[e];
  }
  E.rows = R;
}

/** How the scenario names a process (worker:0); the real name otherwise. */
function plabel(sc, name) { return Object.prototype.hasOwnProperty.call(sc.labels, name) ? sc.labels[name] : name; }
`;
