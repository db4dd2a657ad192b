// The page script, part 6: latency and load over time as SVG charts with axes and labels. Per
// queue: the wait of the executions that started in each time bucket (p50, p95, max) with the
// scenario's latency bounds as dashed lines, and the deepest ready queue; busy threads per
// process. Process deaths, pauses and faults are marked on every chart's time axis.

export const PAGE_SCRIPT_CHARTS = String.raw`
var SVGNS = 'http://www.w3.org/2000/svg';
var CH = { W: 980, L: 78, R: 175, T: 14, B: 34 };
var MARK_STYLE = { death: '#c81e1e', fault: '#d97706', paused: '#6b7280', resumed: '#6b7280', clock_jump: '#7c3aed' };
var SERIES = { p50: '#2563eb', p95: '#e0454b', max: '#f29d1f' };

function sv(parent, tag, attrs, text) {
  var e = document.createElementNS(SVGNS, tag);
  for (var k in attrs) e.setAttribute(k, String(attrs[k]));
  if (text !== undefined) e.textContent = String(text);
  if (parent) parent.appendChild(e);
  return e;
}

function niceStep(max, fits, steps) {
  for (var i = 0; i < steps.length; i++) if (max / steps[i] <= fits) return steps[i];
  return steps[steps.length - 1];
}
var COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6];

/**
 * o: { title, height, x0, x1 (epoch ms), yMax, yFmt, yTitle, steps (y tick steps), clock, marks,
 *      relative (x labels as +time since x0), lines: [{ xs, ys, color, width, dash, label }],
 *      bounds: [{ v, label }], area: { xs, ys, color } }
 */
function lineChart(o) {
  var H = o.height, W = CH.W, pw = W - CH.L - CH.R, ph = H - CH.T - CH.B;
  var s = sv(null, 'svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', class: 'chart' });
  sv(s, 'title', {}, o.title);
  var yMax = Math.max(o.yMax, 1e-9);
  (o.bounds || []).forEach(function (b) { if (b.v > yMax) yMax = b.v; });
  var ystep = niceStep(yMax, 5, o.steps || COUNT_STEPS);
  yMax = Math.ceil(yMax / ystep) * ystep;
  function X(t) { return CH.L + ((t - o.x0) / Math.max(1, o.x1 - o.x0)) * pw; }
  function Y(v) { return CH.T + ph - (v / yMax) * ph; }
  var grid = sv(s, 'g', { class: 'grid' });
  for (var v = 0; v <= yMax + 1e-9; v += ystep) {
    sv(grid, 'line', { x1: CH.L, x2: CH.L + pw, y1: Y(v), y2: Y(v), stroke: v === 0 ? '#9aa3b5' : '#e6e9ef' });
    sv(grid, 'text', { x: CH.L - 6, y: Y(v) + 4, 'text-anchor': 'end', class: 'tick' }, o.yFmt(v));
  }
  sv(s, 'text', { x: 14, y: CH.T + ph / 2, transform: 'rotate(-90 14 ' + (CH.T + ph / 2) + ')', 'text-anchor': 'middle', class: 'axis-title' }, o.yTitle);
  // time axis: round times of the zone (or of the run's start when relative)
  var span = o.x1 - o.x0, step = niceStep(span, 8, STEPS), off = o.relative ? -o.x0 : o.clock.offset(o.x0);
  for (var t = Math.ceil((o.x0 + off) / step) * step - off; t <= o.x1; t += step) {
    sv(grid, 'line', { x1: X(t), x2: X(t), y1: CH.T + ph, y2: CH.T + ph + 5, stroke: '#9aa3b5' });
    sv(grid, 'text', { x: X(t), y: CH.T + ph + 18, 'text-anchor': 'middle', class: 'tick' }, o.relative ? '+' + fmtDur(t - o.x0) : tickLabel({ clock: o.clock }, t, step).text);
  }
  sv(s, 'text', { x: CH.L + pw / 2, y: H - 2, 'text-anchor': 'middle', class: 'axis-title' }, o.relative ? 'time since the run started' : 'time (' + o.clock.zone + ')');
  (o.marks || []).forEach(function (m) {
    var x = X(m.t);
    if (x < CH.L || x > CH.L + pw) return;
    var line = sv(s, 'line', { x1: x, x2: x, y1: CH.T, y2: CH.T + ph, stroke: MARK_STYLE[m.kind] || '#666', 'stroke-width': 1.5, 'stroke-dasharray': m.kind === 'death' ? '' : '3 3', class: 'mark-' + m.kind });
    sv(line, 'title', {}, m.text + ' at ' + o.clock.full(m.t));
  });
  if (o.area) {
    var d = 'M' + X(o.area.xs[0]) + ',' + Y(0);
    for (var a = 0; a < o.area.xs.length; a++) d += 'L' + X(o.area.xs[a]) + ',' + Y(o.area.ys[a]);
    d += 'L' + X(o.area.xs[o.area.xs.length - 1]) + ',' + Y(0) + 'Z';
    sv(s, 'path', { d: d, fill: o.area.color, 'fill-opacity': 0.25, stroke: o.area.color, 'stroke-width': 1 });
  }
  var legendY = CH.T + 4;
  function legend(color, dash, label) {
    sv(s, 'line', { x1: CH.L + pw + 12, x2: CH.L + pw + 32, y1: legendY, y2: legendY, stroke: color, 'stroke-width': 2.5, 'stroke-dasharray': dash || '' });
    sv(s, 'text', { x: CH.L + pw + 37, y: legendY + 4, class: 'legend-text' }, label);
    legendY += 17;
  }
  o.lines.forEach(function (ln) {
    // Buckets without executions (-1) are skipped: the line joins the ones on either side, and
    // sparse series get a dot per bucket so a lone value still shows.
    var d = '', pts = [];
    for (var i = 0; i < ln.xs.length; i++) {
      if (ln.ys[i] < 0) continue;
      pts.push([X(ln.xs[i]).toFixed(1), Y(ln.ys[i]).toFixed(1)]);
      d += (pts.length === 1 ? 'M' : 'L') + pts[pts.length - 1].join(',');
    }
    var p = sv(s, 'path', { d: d || 'M0,0', fill: 'none', stroke: ln.color, 'stroke-width': ln.width || 1.5, 'stroke-dasharray': ln.dash || '', 'stroke-linejoin': 'round', class: 'series' });
    p.setAttribute('data-series', ln.label);
    if (pts.length <= 80) pts.forEach(function (pt) { sv(s, 'circle', { cx: pt[0], cy: pt[1], r: 2.4, fill: ln.color }); });
    legend(ln.color, ln.dash, ln.label);
  });
  if (o.area) legend(o.area.color, '', o.area.label);
  (o.bounds || []).forEach(function (b) {
    sv(s, 'line', { x1: CH.L, x2: CH.L + pw, y1: Y(b.v), y2: Y(b.v), stroke: '#9f1239', 'stroke-width': 1.5, 'stroke-dasharray': '6 4', class: 'bound' });
    sv(s, 'text', { x: CH.L + pw - 4, y: Y(b.v) - 4, 'text-anchor': 'end', class: 'bound-label' }, b.label);
  });
  return s;
}

function bucketXs(L, mid) { var xs = []; for (var b = 0; b < L.buckets; b++) xs.push(L.from + (b + (mid ? 0.5 : 0)) * L.bucketMs); return xs; }
function marksOf(sc) { var out = []; for (var m = 0; m < sc.marks.length; m += 3) out.push({ t: sc.marks[m], kind: sc.str[sc.marks[m + 1]], text: sc.str[sc.marks[m + 2]] }); return out; }

/** Latency bounds of the expectations that apply to a queue (or to all queues). */
function boundsFor(sc, queue) {
  var out = [];
  sc.expectations.forEach(function (e) {
    if (!e.focus || !e.focus.latency || (e.focus.queue !== undefined && e.focus.queue !== queue)) return;
    e.focus.latency.forEach(function (b) { out.push({ v: b.ms, label: b.stat + ' ' + b.op + ' ' + fmtDur(b.ms) + (e.focus.jobClass ? ' (' + e.focus.jobClass + ')' : '') }); });
  });
  return out;
}

function loadCard(sc, env) {
  var L = sc.load, root = el('div', 'card load');
  root.id = sc.slug + '-latency';
  add(root, el('h3', null, 'Latency and load over time (buckets of ' + fmtDur(L.bucketMs) + ')'));
  var x0 = L.from, x1 = L.from + L.buckets * L.bucketMs, xs = bucketXs(L, true), marks = marksOf(sc);
  if (L.queues.length === 0) add(root, el('p', 'note', 'No job started in this run: no latency to show.'));
  L.queues.forEach(function (q) {
    var box = el('div', 'chart-box'), tot = q.total;
    box.setAttribute('data-queue', q.queue);
    add(box, add(el('div', 'chart-head'), el('b', null, 'queue ' + (q.queue === '' ? '(none)' : q.queue)),
      el('span', 'note', num(tot.n) + ' executions \u00b7 wait p50 ' + fmtDur(tot.p50) + ' \u00b7 p95 ' + fmtDur(tot.p95) + ' \u00b7 p99 ' + fmtDur(tot.p99) + ' \u00b7 max ' + fmtDur(tot.max))));
    var yMax = 0;
    q.max.forEach(function (v) { if (v > yMax) yMax = v; });
    add(box, lineChart({ title: 'Wait on ' + q.queue, height: 210, x0: x0, x1: x1, yMax: yMax, yFmt: fmtDur, yTitle: 'wait (due \u2192 start)', steps: STEPS, clock: env.clock, marks: marks,
      lines: [{ xs: xs, ys: q.max, color: SERIES.max, width: 1, label: 'max' }, { xs: xs, ys: q.p95, color: SERIES.p95, width: 2.2, label: 'p95' }, { xs: xs, ys: q.p50, color: SERIES.p50, width: 1.6, label: 'p50' }],
      bounds: boundsFor(sc, q.queue) }));
    var dMax = 0;
    q.depth.forEach(function (v) { if (v > dMax) dMax = v; });
    add(box, lineChart({ title: 'Ready jobs on ' + q.queue, height: 130, x0: x0, x1: x1, yMax: dMax, yFmt: num, yTitle: 'ready jobs', clock: env.clock, marks: marks, lines: [],
      area: { xs: bucketXs(L, false), ys: q.depth, color: '#4f46e5', label: 'ready (max)' } }));
    add(root, box);
  });
  if (L.busy.length) {
    var palette = ['#2563eb', '#1f9d63', '#e0454b', '#f29d1f', '#8b5cf6', '#0d9488', '#be185d', '#4b5563'], bMax = 0;
    var lines = L.busy.map(function (b, i) {
      b.avg.forEach(function (v) { if (v > bMax) bMax = v; });
      return { xs: xs, ys: b.avg, color: palette[i % palette.length], width: 1.6, label: plabel(sc, b.process) + ' (' + b.threads + ' thr)' };
    });
    var box2 = el('div', 'chart-box');
    add(box2, add(el('div', 'chart-head'), el('b', null, 'busy threads per process'), el('span', 'note', 'average over each bucket')));
    add(box2, lineChart({ title: 'Busy threads', height: 180, x0: x0, x1: x1, yMax: bMax, yFmt: function (v) { return String(Math.round(v * 100) / 100); }, yTitle: 'busy threads', steps: [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100], clock: env.clock, marks: marks, lines: lines }));
    add(root, box2);
  }
  var key = el('div', 'legend');
  [['death', 'process died'], ['fault', 'fault injected'], ['paused', 'queue paused / resumed']].forEach(function (k) {
    var sw = el('span', 'markkey'); sw.style.borderColor = MARK_STYLE[k[0]];
    add(key, add(el('span', 'item'), sw, el('span', null, k[1])));
  });
  add(key, add(el('span', 'item'), el('span', 'boundkey'), el('span', null, 'latency bound of an expectation')));
  add(root, key);
  return root;
}
`;
