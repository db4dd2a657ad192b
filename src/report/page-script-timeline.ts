// The page script, part 2: one scenario's timeline, its state and its DOM. Lanes are worker
// threads; a bar per execution (DOM elements up to the bar limit, else one canvas). Drawing is
// in page-script-timeline-draw.ts, mouse handling in page-script-timeline-input.ts; all three
// share one state object T.

export const PAGE_SCRIPT_TIMELINE = String.raw`
var LANE_H = 22, LABEL_W = 210, AXIS_H = 46, DEPTH_H = 38, MIN_SPAN = 5;

function buildTimeline(sc, env) {
  var X = sc.execs, EX = env.stride.exec, N = X.length / EX, NL = sc.lanes.length / 4;
  var T = {
    sc: sc, S: sc.str, X: X, EX: EX, DS: env.stride.depth, N: N, L: sc.lanes, NL: NL, H: Math.max(1, NL * LANE_H),
    canvasMode: sc.bars === 'canvas', outcomes: sc.outcomes, palette: env.palette, clock: env.clock, env: env,
    W: 800, k: 1, ticks: [], gx: 0, gw: 0, hoverGroup: -1, hoverExec: -1, pending: false
  };
  linkGroups(T);
  T.markers = { scheduled: sortedMarks(sc.scheduled), recurring: sortedMarks(sc.recurring) };
  var pad0 = Math.max(5, (sc.span[1] - sc.span[0]) * 0.02);
  T.full0 = sc.span[0] - pad0;
  T.full1 = sc.span[1] + pad0;
  T.v0 = T.full0;
  T.v1 = T.full1;

  T.root = el('div', 'card');
  add(T.root, el('h3', null, 'Timeline'));
  var toolbar = el('div', 'tl-bar');
  T.bOut = el('button', null, '\u2212'); T.bIn = el('button', null, '+'); T.bFit = el('button', null, 'Fit');
  T.bOut.title = 'Zoom out'; T.bIn.title = 'Zoom in'; T.bFit.title = 'Show the whole run';
  T.range = el('span', 'tl-range');
  T.linksNote = el('span', 'tl-note', 'too many retry links to draw here: zoom in, or hover a bar');
  T.linksNote.hidden = true;
  add(T.root, add(toolbar, T.bOut, T.bIn, T.bFit, T.range, T.linksNote), legendEl(T));

  var frame = el('div', 'tl');
  T.axisCell = el('div', 'tl-cell'); T.axisCanvas = el('canvas'); T.brush = el('div', 'brush');
  T.brush.hidden = true;
  add(T.axisCell, T.axisCanvas, T.brush);
  add(frame, add(el('div', 'tl-row tl-axis'), el('div', 'tl-label', 'time \u00b7 ' + T.clock.zone), T.axisCell));
  add(frame, lanesEl(T));
  lifeEls(T);
  if (!T.canvasMode) barEls(T);
  add(frame, el('div', 'tl-depth-title', 'Queue depth (ready executions)'));
  T.depths = sc.depth.map(function (dq) {
    var cell = el('div', 'tl-cell'), c = el('canvas'), lab = el('div', 'tl-label');
    add(lab, el('span', 'pname', T.S[dq.q] === '' ? '(no queue)' : T.S[dq.q]), el('span', 'qmax', 'max ' + num(dq.max) + ' ready'));
    add(frame, add(el('div', 'tl-row depth'), lab, add(cell, c)));
    return { d: dq, cell: cell, canvas: c };
  });
  if (T.depths.length === 0) add(frame, el('div', 'empty', 'No job became ready in this run.'));
  add(T.root, frame, el('p', 'note', 'Drag the lanes to pan \u00b7 ctrl+wheel (or wheel on the time axis) to zoom \u00b7 drag on the time axis to zoom to a range \u00b7 hover a bar to see all executions of its Active Job \u00b7 click it to open its job in the jobs table.'));

  T.render = function () { T.pending = false; renderTimeline(T); };
  T.schedule = function () {
    if (T.pending) return;
    T.pending = true;
    requestAnimationFrame(T.render);
  };
  T.setView = function (a, b) {
    var span = Math.max(MIN_SPAN, b - a), full = T.full1 - T.full0;
    if (span >= full) { T.v0 = T.full0; T.v1 = T.full1; }
    else {
      if (a < T.full0) a = T.full0;
      if (a + span > T.full1) a = T.full1 - span;
      T.v0 = a; T.v1 = a + span;
    }
    T.k = T.W / (T.v1 - T.v0); // hit tests before the next frame must already use the new scale
    T.schedule();
  };
  T.zoom = function (factor, anchorT) {
    var a = anchorT === undefined ? (T.v0 + T.v1) / 2 : anchorT;
    T.setView(a - (a - T.v0) * factor, a + (T.v1 - a) * factor);
  };
  attachTimelineInput(T);
  return { root: T.root, render: T.render, schedule: T.schedule };
}

/** Executions of one Active Job in order (gFirst / next / prev), and each one's attempt number. */
function linkGroups(T) {
  var G = T.sc.groups.length, N = T.N, X = T.X, EX = T.EX;
  var gLast = new Int32Array(G).fill(-1);
  T.gFirst = new Int32Array(G).fill(-1); T.gCount = new Int32Array(G);
  T.next = new Int32Array(N).fill(-1); T.prev = new Int32Array(N).fill(-1); T.attempt = new Int32Array(N);
  for (var i = 0; i < N; i++) {
    var g = X[i * EX + 5];
    if (gLast[g] >= 0) { T.next[gLast[g]] = i; T.prev[i] = gLast[g]; } else T.gFirst[g] = i;
    gLast[g] = i;
    T.attempt[i] = ++T.gCount[g];
  }
  var perLane = [];
  for (var l = 0; l < T.NL; l++) perLane.push([]);
  for (var j = 0; j < N; j++) perLane[X[j * EX]].push(j);
  T.perLane = perLane.map(function (a) { return a.sort(function (p, q) { return X[p * EX + 1] - X[q * EX + 1] || p - q; }); });
}

function sortedMarks(flat) {
  var n = flat.length / 2, idx = [], out = [];
  for (var i = 0; i < n; i++) idx.push(i);
  idx.sort(function (a, b) { return flat[a * 2] - flat[b * 2]; });
  for (var k = 0; k < n; k++) out.push(flat[idx[k] * 2], flat[idx[k] * 2 + 1]);
  return out;
}

function legendEl(T) {
  var legend = el('div', 'legend');
  for (var o = 0; o < T.outcomes.length; o++) {
    var sw = el('span', 'swatch');
    sw.setAttribute('data-outcome', T.outcomes[o]);
    add(legend, add(el('span', 'item'), sw, el('span', null, T.palette.labels[T.outcomes[o]] + ' (' + num(T.sc.counts[o]) + ')')));
  }
  add(legend,
    add(el('span', 'item'), el('span', 'linkline'), el('span', null, 'executions of one Active Job')),
    add(el('span', 'item'), el('span', 'mark'), el('span', null, 'scheduled job due (' + num(T.markers.scheduled.length / 2) + ')')),
    add(el('span', 'item'), el('span', 'mark recurring'), el('span', null, 'recurring enqueue (' + num(T.markers.recurring.length / 2) + ')')),
    add(el('span', 'item'), el('span', 'deathmark', '|'), el('span', null, 'process died')));
  legend.style.marginBottom = '10px';
  return legend;
}

function lanesEl(T) {
  var L = T.L, S = T.S;
  T.lanesEl = el('div', 'tl-lanes');
  T.tracks = [];
  for (var ln = 0; ln < T.NL; ln++) {
    var row = el('div', 'tl-row lane'), label = el('div', 'tl-label'), track = el('div', 'tl-cell');
    var pname = S[L[ln * 4]], sup = L[ln * 4 + 3], first = ln === 0 || L[ln * 4] !== L[(ln - 1) * 4];
    if (first) row.className += ' first-of-process';
    add(label, el('span', first ? 'pname' : 'pname cont', first ? plabel(T.sc, pname) : '\u2514'), el('span', 'thr', 'thread ' + L[ln * 4 + 1]));
    label.title = pname + ' \u00b7 thread ' + L[ln * 4 + 1] + (sup >= 0 ? ' \u00b7 supervisor ' + S[sup] : '');
    add(T.lanesEl, add(row, label, track));
    T.tracks.push(track);
  }
  if (T.NL === 0) add(T.lanesEl, el('div', 'empty', 'No job was started in this run.'));
  T.links = el('canvas', 'tl-links');
  add(T.lanesEl, T.links);
  T.barCanvas = null;
  if (T.canvasMode) { T.barCanvas = el('canvas', 'tl-canvas'); add(T.lanesEl, T.barCanvas); }
  return T.lanesEl;
}

/** A process's lifetime band and death mark, in every lane of the process. */
function lifeEls(T) {
  var life = T.sc.life, lanesOf = {};
  T.lives = []; T.deaths = [];
  for (var q = 0; q < T.NL; q++) (lanesOf[T.L[q * 4]] = lanesOf[T.L[q * 4]] || []).push(q);
  for (var f = 0; f < life.length; f += 4) {
    var ls = lanesOf[life[f]] || [];
    for (var m = 0; m < ls.length; m++) {
      var band = el('div', 'life');
      T.tracks[ls[m]].appendChild(band);
      T.lives.push({ el: band, from: life[f + 1], to: life[f + 2] });
      if (life[f + 3] !== 2) continue;
      var d = el('div', 'death');
      d.title = plabel(T.sc, T.S[life[f]]) + ' (' + T.S[life[f]] + ') died at ' + T.clock.full(life[f + 2]);
      T.tracks[ls[m]].appendChild(d);
      T.deaths.push({ el: d, t: life[f + 2] });
    }
  }
}

/** One bar element per execution, carrying data-job-id; its class stays exactly bar. */
function barEls(T) {
  var X = T.X, EX = T.EX, frags = T.tracks.map(function () { return document.createDocumentFragment(); });
  T.bars = new Array(T.N);
  T.hidden = new Uint8Array(T.N);
  for (var b = 0; b < T.N; b++) {
    var be = document.createElement('div');
    be.className = 'bar';
    be.setAttribute('data-job-id', String(X[b * EX + 4]));
    be.setAttribute('data-outcome', T.outcomes[X[b * EX + 3]]);
    be.setAttribute('data-i', String(b));
    frags[X[b * EX]].appendChild(be);
    T.bars[b] = be;
  }
  frags.forEach(function (fr, i) { T.tracks[i].appendChild(fr); });
}
`;
