// The page script, part 2: one scenario's timeline. Lanes are worker threads; a bar per execution
// (DOM elements up to the bar limit, else one canvas); retries of one Active Job are joined by
// dashed curves and light up together on hover; arrivals on the axis; queue depth below.

export const PAGE_SCRIPT_TIMELINE = String.raw`
// Where bars overlap (a zoomed-out canvas), the rarer outcomes that matter are drawn last.
var DRAW_ORDER = ['succeeded', 'retried', 'discarded', 'running', 'lost', 'failed', 'killed'];
// Above this many links in view only the hovered job's are drawn: thousands are just noise.
var LINK_LIMIT = 1500;
var LANE_H = 22, LABEL_W = 210, AXIS_H = 46, DEPTH_H = 38, MIN_SPAN = 5;
var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5,
  36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5, 12096e5, 2592e6, 7776e6, 31536e6];

function buildTimeline(sc, env) {
  var S = sc.str, X = sc.execs, EX = env.stride.exec, DS = env.stride.depth, N = X.length / EX;
  var clock = env.clock, palette = env.palette, outcomes = sc.outcomes;
  var L = sc.lanes, NL = L.length / 4, H = Math.max(1, NL * LANE_H);
  var canvasMode = sc.bars === 'canvas';

  // ---- groups: executions of one Active Job, in order ----
  var G = sc.groups.length;
  var gFirst = new Int32Array(G).fill(-1), gLast = new Int32Array(G).fill(-1), gCount = new Int32Array(G);
  var next = new Int32Array(N).fill(-1), prev = new Int32Array(N).fill(-1), attempt = new Int32Array(N);
  for (var i = 0; i < N; i++) {
    var g0 = X[i * EX + 5];
    if (gLast[g0] >= 0) { next[gLast[g0]] = i; prev[i] = gLast[g0]; } else gFirst[g0] = i;
    gLast[g0] = i;
    attempt[i] = ++gCount[g0];
  }
  var perLane = [];
  for (var l = 0; l < NL; l++) perLane.push([]);
  for (var j = 0; j < N; j++) perLane[X[j * EX]].push(j);
  perLane = perLane.map(function (a) { return a.sort(function (p, q) { return X[p * EX + 1] - X[q * EX + 1] || p - q; }); });

  var markers = { scheduled: sortedMarks(sc.scheduled), recurring: sortedMarks(sc.recurring) };
  function sortedMarks(flat) {
    var n = flat.length / 2, idx = [];
    for (var i = 0; i < n; i++) idx.push(i);
    idx.sort(function (a, b) { return flat[a * 2] - flat[b * 2]; });
    var out = [];
    for (var k = 0; k < n; k++) out.push(flat[idx[k] * 2], flat[idx[k] * 2 + 1]);
    return out;
  }

  // ---- view ----
  var pad0 = Math.max(5, (sc.span[1] - sc.span[0]) * 0.02);
  var full0 = sc.span[0] - pad0, full1 = sc.span[1] + pad0;
  var v0 = full0, v1 = full1, W = 800, k = 1, ticks = [], step = 1000;

  // ---- DOM ----
  var root = el('div', 'card');
  add(root, el('h3', null, 'Timeline'));
  var toolbar = el('div', 'tl-bar');
  var bOut = el('button', null, '\u2212'), bIn = el('button', null, '+'), bFit = el('button', null, 'Fit');
  bOut.title = 'Zoom out'; bIn.title = 'Zoom in'; bFit.title = 'Show the whole run';
  var range = el('span', 'tl-range'), linksNote = el('span', 'tl-note', 'too many retry links to draw here: zoom in, or hover a bar');
  linksNote.hidden = true;
  add(toolbar, bOut, bIn, bFit, range, linksNote,
    el('span', 'tl-hint', 'drag lanes to pan \u00b7 ctrl+wheel or wheel on the axis to zoom \u00b7 drag on the axis to zoom to a range \u00b7 click a bar to filter the trace'));
  add(root, toolbar);

  var legend = el('div', 'legend');
  for (var o = 0; o < outcomes.length; o++) {
    var sw = el('span', 'swatch');
    sw.setAttribute('data-outcome', outcomes[o]);
    add(legend, add(el('span', 'item'), sw, el('span', null, palette.labels[outcomes[o]] + ' (' + num(sc.counts[o]) + ')')));
  }
  add(legend,
    add(el('span', 'item'), el('span', 'linkline'), el('span', null, 'executions of one Active Job')),
    add(el('span', 'item'), el('span', 'mark'), el('span', null, 'scheduled job due (' + num(markers.scheduled.length / 2) + ')')),
    add(el('span', 'item'), el('span', 'mark recurring'), el('span', null, 'recurring enqueue (' + num(markers.recurring.length / 2) + ')')),
    add(el('span', 'item'), el('span', 'deathmark', '|'), el('span', null, 'process died')));
  add(root, legend);
  legend.style.marginBottom = '10px';

  var frame = el('div', 'tl');
  var axisCell = el('div', 'tl-cell'), axisCanvas = el('canvas'), brush = el('div', 'brush');
  brush.hidden = true;
  add(axisCell, axisCanvas, brush);
  add(frame, add(el('div', 'tl-row tl-axis'), el('div', 'tl-label', 'time \u00b7 ' + clock.zone), axisCell));

  var lanesEl = el('div', 'tl-lanes'), tracks = [];
  for (var ln = 0; ln < NL; ln++) {
    var row = el('div', 'tl-row lane'), label = el('div', 'tl-label'), track = el('div', 'tl-cell');
    var pname = S[L[ln * 4]], sup = L[ln * 4 + 3];
    if (ln === 0 || L[ln * 4] !== L[(ln - 1) * 4]) row.className += ' first-of-process';
    add(label, el('span', 'pname', pname), el('span', 'thr', 'thread ' + L[ln * 4 + 1]));
    label.title = pname + ' \u00b7 thread ' + L[ln * 4 + 1] + (sup >= 0 ? ' \u00b7 supervisor ' + S[sup] : '');
    add(lanesEl, add(row, label, track));
    tracks.push(track);
  }
  if (NL === 0) add(lanesEl, el('div', 'empty', 'No job was started in this run.'));
  var links = el('canvas', 'tl-links');
  add(lanesEl, links);
  var barCanvas = null;
  if (canvasMode) { barCanvas = el('canvas', 'tl-canvas'); add(lanesEl, barCanvas); }
  add(frame, lanesEl);

  // process lifetimes and deaths, drawn in every lane of the process
  var lives = [], deaths = [], lanesOf = {};
  for (var q = 0; q < NL; q++) (lanesOf[L[q * 4]] = lanesOf[L[q * 4]] || []).push(q);
  for (var f = 0; f < sc.life.length; f += 4) {
    var ls = lanesOf[sc.life[f]] || [];
    for (var m = 0; m < ls.length; m++) {
      var lifeEl = el('div', 'life');
      tracks[ls[m]].appendChild(lifeEl);
      lives.push({ el: lifeEl, from: sc.life[f + 1], to: sc.life[f + 2] });
      if (sc.life[f + 3] === 2) {
        var d = el('div', 'death');
        d.title = S[sc.life[f]] + ' died at ' + clock.full(sc.life[f + 2]);
        tracks[ls[m]].appendChild(d);
        deaths.push({ el: d, t: sc.life[f + 2] });
      }
    }
  }

  var bars = null, hidden = null;
  if (!canvasMode) {
    bars = new Array(N);
    hidden = new Uint8Array(N);
    var frags = tracks.map(function () { return document.createDocumentFragment(); });
    for (var b = 0; b < N; b++) {
      var be = document.createElement('div');
      be.className = 'bar';
      be.setAttribute('data-job-id', String(X[b * EX + 4]));
      be.setAttribute('data-outcome', outcomes[X[b * EX + 3]]);
      be.setAttribute('data-i', String(b));
      frags[X[b * EX]].appendChild(be);
      bars[b] = be;
    }
    frags.forEach(function (fr, i) { tracks[i].appendChild(fr); });
  }

  add(frame, el('div', 'tl-depth-title', 'Queue depth (ready executions)'));
  var depths = sc.depth.map(function (dq) {
    var cell = el('div', 'tl-cell'), c = el('canvas'), lab = el('div', 'tl-label');
    add(lab, el('span', 'pname', S[dq.q] === '' ? '(no queue)' : S[dq.q]), el('span', 'qmax', 'max ' + num(dq.max) + ' ready'));
    add(frame, add(el('div', 'tl-row depth'), lab, add(cell, c)));
    return { d: dq, cell: cell, canvas: c };
  });
  if (depths.length === 0) add(frame, el('div', 'empty', 'No job became ready in this run.'));
  add(root, frame);

  // ---- geometry ----
  var gx = 0, gw = 0;
  function geom(i) {
    var o = i * EX, nudge = Math.min(X[o + 6], 8) * 4;
    gx = (X[o + 1] - v0) * k + nudge;
    gw = Math.max(3, (X[o + 2] - X[o + 1]) * k);
  }
  function laneY(i) { return X[i * EX] * LANE_H + LANE_H / 2; }

  // ---- drawing ----
  function drawAxis() {
    var g = setupCanvas(axisCanvas, W, AXIS_H);
    step = STEPS[STEPS.length - 1];
    for (var s = 0; s < STEPS.length; s++) if (STEPS[s] * k >= 100) { step = STEPS[s]; break; }
    var off = clock.offset(v0);
    ticks = [];
    g.font = '11px ' + env.font;
    g.textBaseline = 'top';
    for (var t = Math.ceil((v0 + off) / step) * step - off; t <= v1; t += step) {
      var x = (t - v0) * k, p = clock.parts(t), lab, bold = false;
      ticks.push(x);
      var midnight = p.hour === '00' && p.minute === '00' && p.second === '00' && p.ms === 0;
      if (step >= 864e5 || (midnight && step >= 1000)) { lab = clock.day(t); bold = true; }
      else if (step >= 6e4) lab = p.hour + ':' + p.minute;
      else if (step >= 1e3) lab = p.hour + ':' + p.minute + ':' + p.second;
      else lab = p.minute + ':' + p.second + '.' + pad(p.ms, 3);
      g.fillStyle = '#c5cad6';
      g.fillRect(Math.round(x), 20, 1, 6);
      g.fillStyle = bold ? '#1d2433' : '#4a5368';
      g.font = (bold ? '600 ' : '') + '11px ' + env.font;
      var tw = g.measureText(lab).width, lx = Math.min(Math.max(x - tw / 2, 2), W - tw - 2);
      g.fillText(lab, lx, 5);
    }
    drawMarks(g, markers.scheduled, function (x) {
      g.moveTo(x - 4, 29); g.lineTo(x + 4, 29); g.lineTo(x, 36); g.closePath();
    }, palette.marks.scheduled);
    drawMarks(g, markers.recurring, function (x) {
      g.moveTo(x, 36); g.lineTo(x + 4, 40); g.lineTo(x, 44); g.lineTo(x - 4, 40); g.closePath();
    }, palette.marks.recurring);
  }
  function drawMarks(g, flat, shape, colour) {
    var i = Math.max(0, lastAtOrBefore(flat, 2, 0, v0)), lastPx = -1e9;
    g.beginPath();
    for (; i < flat.length / 2; i++) {
      var t = flat[i * 2];
      if (t < v0) continue;
      if (t > v1) break;
      var x = Math.round((t - v0) * k);
      if (x === lastPx) continue;
      lastPx = x;
      shape(x);
    }
    g.fillStyle = colour;
    g.fill();
  }

  function positionLives() {
    function place(e, a, bEnd) {
      var x0 = Math.max(-2, (a - v0) * k), x1 = Math.min(W + 2, (bEnd - v0) * k);
      if (x1 <= x0) { e.style.display = 'none'; return; }
      e.style.display = '';
      e.style.left = x0 + 'px';
      e.style.width = (x1 - x0) + 'px';
    }
    for (var i = 0; i < lives.length; i++) place(lives[i].el, lives[i].from, lives[i].to);
    for (var j = 0; j < deaths.length; j++) {
      var x = (deaths[j].t - v0) * k;
      deaths[j].el.style.display = x < -2 || x > W + 2 ? 'none' : '';
      deaths[j].el.style.left = (x - 1) + 'px';
    }
  }

  function positionBars() {
    for (var i = 0; i < N; i++) {
      geom(i);
      var x0 = gx, w = gw, e = bars[i];
      if (x0 > W + 2 || x0 + w < -2) {
        if (!hidden[i]) { e.style.display = 'none'; hidden[i] = 1; }
        continue;
      }
      if (hidden[i]) { e.style.display = ''; hidden[i] = 0; }
      if (x0 < -4) { w -= -4 - x0; x0 = -4; }
      if (w > W + 8) w = W + 8;
      e.style.left = x0.toFixed(1) + 'px';
      e.style.width = w.toFixed(1) + 'px';
    }
  }

  // One path per outcome (a fill per colour, not per bar); a bar hidden under the previous bar
  // of the same colour in its lane is skipped, so a full view of 100,000 bars stays quick.
  function drawCanvasBars() {
    var g = setupCanvas(barCanvas, W, H), hl = hoverGroup, NO = outcomes.length;
    var right = new Float64Array(NL * NO).fill(-1e9);
    g.globalAlpha = hl >= 0 ? 0.28 : 1;
    for (var d = 0; d < DRAW_ORDER.length; d++) {
      var oc = outcomes.indexOf(DRAW_ORDER[d]);
      g.beginPath();
      for (var i = 0; i < N; i++) {
        var o = i * EX;
        if (X[o + 3] !== oc) continue;
        geom(i);
        if (gx > W + 2 || gx + gw < -2) continue;
        var slot = X[o] * NO + oc;
        if (gx + gw <= right[slot] + 0.5) continue;
        right[slot] = gx + gw;
        g.rect(gx, X[o] * LANE_H + 4, gw, 14);
      }
      g.fillStyle = palette.outcomes[outcomes[oc]];
      g.fill();
    }
    g.globalAlpha = 1;
    for (var c = hl < 0 ? -1 : gFirst[hl]; c >= 0; c = next[c]) {
      geom(c);
      var y = X[c * EX] * LANE_H;
      g.fillStyle = palette.outcomes[outcomes[X[c * EX + 3]]];
      g.fillRect(gx, y + 4, gw, 14);
      g.strokeStyle = palette.marks.link;
      g.lineWidth = 2;
      g.strokeRect(gx - 1.5, y + 2.5, gw + 3, 17);
    }
  }

  function drawLinks() {
    var g = setupCanvas(links, W, H);
    g.fillStyle = 'rgba(29,36,51,0.06)';
    for (var t = 0; t < ticks.length; t++) g.fillRect(Math.round(ticks[t]), 0, 1, H);
    var hl = hoverGroup;
    for (var pass = 0; pass < 2; pass++) {
      g.beginPath();
      var dots = [], drawn = 0;
      for (var i = 0; i < N; i++) {
        var p = prev[i];
        if (p < 0) continue;
        var mine = X[i * EX + 5] === hl;
        if ((pass === 1) !== mine) continue;
        geom(p);
        var xa = gx + gw, ya = laneY(p);
        geom(i);
        var xb = gx, yb = laneY(i);
        if (Math.max(xa, xb) < -40 || Math.min(xa, xb) > W + 40) continue;
        if (ya === yb && xb - xa < 2) continue; // back to back on one lane: nothing to draw
        drawn++;
        g.moveTo(xa, ya);
        if (ya === yb) g.bezierCurveTo(xa + 6, ya - 12, xb - 6, yb - 12, xb, yb - 3);
        else { var c = Math.max(14, Math.abs(xb - xa) / 2); g.bezierCurveTo(xa + c, ya, xb - c, yb, xb, yb); }
        dots.push(xb, ya === yb ? yb - 3 : yb);
      }
      g.strokeStyle = palette.marks.link;
      g.globalAlpha = pass === 1 ? 1 : hl >= 0 ? 0.2 : 0.65;
      g.lineWidth = pass === 1 ? 2.5 : 1.4;
      if (pass === 0) {
        linksNote.hidden = drawn <= LINK_LIMIT;
        if (drawn > LINK_LIMIT) continue;
      }
      g.setLineDash(pass === 1 ? [] : [4, 3]);
      g.stroke();
      g.setLineDash([]);
      g.fillStyle = palette.marks.link;
      for (var dd = 0; dd < dots.length; dd += 2) g.fillRect(dots[dd] - 2, dots[dd + 1] - 2, 4, 4);
    }
    g.globalAlpha = 1;
  }

  function drawDepth() {
    for (var n = 0; n < depths.length; n++) {
      var d = depths[n].d, pts = d.p, g = setupCanvas(depths[n].canvas, W, DEPTH_H - 1), base = DEPTH_H - 3;
      g.fillStyle = 'rgba(29,36,51,0.06)';
      for (var t = 0; t < ticks.length; t++) g.fillRect(Math.round(ticks[t]), 0, 1, DEPTH_H);
      var y = function (v) { return d.max === 0 ? base : base - (v / d.max) * (DEPTH_H - 9); };
      var i = lastAtOrBefore(pts, DS, 0, v0), cur = i >= 0 ? pts[i * DS + 1] : 0;
      g.beginPath();
      g.moveTo(0, base);
      g.lineTo(0, y(cur));
      for (var j = i + 1; j < pts.length / DS; j++) {
        if (pts[j * DS] > v1) break;
        var x = (pts[j * DS] - v0) * k;
        g.lineTo(x, y(cur));
        g.lineTo(x, y(Math.max(cur, pts[j * DS + 2])));
        cur = pts[j * DS + 1];
        g.lineTo(x, y(cur));
      }
      g.lineTo(W, y(cur));
      g.lineTo(W, base);
      g.fillStyle = 'rgba(79,70,229,0.16)';
      g.fill();
      g.strokeStyle = '#4f46e5';
      g.lineWidth = 1.2;
      g.stroke();
    }
  }

  function render() {
    pending = false;
    W = Math.max(60, axisCell.clientWidth || 800);
    k = W / (v1 - v0);
    range.textContent = clock.full(v0) + '  \u2192  ' + clock.full(v1) + '   (' + fmtDur(v1 - v0) + ' shown)';
    links.style.left = LABEL_W + 'px';
    drawAxis();
    positionLives();
    if (canvasMode) drawCanvasBars(); else positionBars();
    drawLinks();
    drawDepth();
  }
  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(render);
  }
  function setView(a, b) {
    var span = Math.max(MIN_SPAN, b - a), full = full1 - full0;
    if (span >= full) { v0 = full0; v1 = full1; }
    else {
      if (a < full0) a = full0;
      if (a + span > full1) a = full1 - span;
      v0 = a; v1 = a + span;
    }
    schedule();
  }
  function zoom(factor, anchorT) {
    var a = anchorT === undefined ? (v0 + v1) / 2 : anchorT;
    setView(a - (a - v0) * factor, a + (v1 - a) * factor);
  }
  bOut.addEventListener('click', function () { zoom(2); });
  bIn.addEventListener('click', function () { zoom(0.5); });
  bFit.addEventListener('click', function () { setView(full0, full1); });

  // ---- hover, click, pan ----
  var hoverExec = -1, hoverGroup = -1;
  function setHover(i) {
    if (i === hoverExec) return;
    hoverExec = i;
    var g = i < 0 ? -1 : X[i * EX + 5];
    if (g === hoverGroup) return;
    if (bars) {
      for (var a = hoverGroup < 0 ? -1 : gFirst[hoverGroup]; a >= 0; a = next[a]) bars[a].removeAttribute('data-hl');
      for (var c = g < 0 ? -1 : gFirst[g]; c >= 0; c = next[c]) bars[c].setAttribute('data-hl', '1');
    }
    hoverGroup = g;
    lanesEl.classList.toggle('hovering', g >= 0);
    if (canvasMode) drawCanvasBars();
    drawLinks();
  }
  function execAt(ev) {
    if (bars) {
      var t = ev.target.closest ? ev.target.closest('.bar') : null;
      return t ? Number(t.getAttribute('data-i')) : -1;
    }
    var r = lanesEl.getBoundingClientRect(), mx = ev.clientX - r.left - LABEL_W, lane = Math.floor((ev.clientY - r.top) / LANE_H);
    if (lane < 0 || lane >= NL || mx < 0) return -1;
    var list = perLane[lane], lo = 0, hi = list.length - 1, at = -1, tm = v0 + mx / k;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (X[list[mid] * EX + 1] <= tm) { at = mid; lo = mid + 1; } else hi = mid - 1; }
    for (var s = Math.min(list.length - 1, at + 9); s >= 0 && s >= at - 40; s--) {
      geom(list[s]);
      if (mx >= gx - 1 && mx <= gx + gw + 1) return list[s];
    }
    return -1;
  }
  function execTip(ev, i) {
    var o = i * EX, g = X[o + 5], job = env.jobsById.get(X[o + 4]), running = outcomes[X[o + 3]] === 'running';
    showTip(ev.clientX, ev.clientY, S[X[o + 7]] + '  \u00b7  job #' + X[o + 4], [
      ['outcome', palette.labels[outcomes[X[o + 3]]]],
      ['execution', attempt[i] + ' of ' + gCount[g]],
      ['active job', S[sc.groups[g]]],
      ['queue', S[X[o + 8]] + '  (priority ' + X[o + 10] + ')'],
      ['thread', S[L[X[o] * 4]] + ' #' + L[X[o] * 4 + 1]],
      ['started', clock.full(X[o + 1])],
      ['ended', running ? 'still running' : clock.full(X[o + 2])],
      ['duration', fmtDur(X[o + 2] - X[o + 1]) + (running ? '+' : '')],
      ['note', X[o + 9] >= 0 ? S[X[o + 9]] : ''],
      ['arguments', job ? job.args : ''],
      ['', 'click: show its events in the trace']
    ]);
  }
  var drag = null;
  lanesEl.addEventListener('mousedown', function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, v0: v0, v1: v1, moved: false, exec: execAt(ev) };
    ev.preventDefault();
  });
  window.addEventListener('mousemove', function (ev) {
    if (drag) {
      var dx = ev.clientX - drag.x;
      if (Math.abs(dx) > 3) { drag.moved = true; lanesEl.classList.add('dragging'); hideTip(); }
      if (drag.moved) setView(drag.v0 - dx / k, drag.v1 - dx / k);
    } else if (brushing) {
      var r = axisCell.getBoundingClientRect(), x = Math.min(Math.max(ev.clientX - r.left, 0), W);
      brushing.to = x;
      brush.style.left = Math.min(brushing.from, x) + 'px';
      brush.style.width = Math.abs(x - brushing.from) + 'px';
    }
  });
  window.addEventListener('mouseup', function () {
    if (drag) {
      lanesEl.classList.remove('dragging');
      if (!drag.moved && drag.exec >= 0) env.onSelect(S[sc.groups[X[drag.exec * EX + 5]]]);
      drag = null;
    }
    if (brushing) {
      var a = Math.min(brushing.from, brushing.to), b = Math.max(brushing.from, brushing.to);
      brush.hidden = true;
      brushing = null;
      if (b - a > 4) setView(v0 + a / k, v0 + b / k);
    }
  });
  lanesEl.addEventListener('mousemove', function (ev) {
    if (drag && drag.moved) return;
    var i = execAt(ev);
    setHover(i);
    if (i >= 0) execTip(ev, i); else hideTip();
  });
  lanesEl.addEventListener('mouseleave', function () { setHover(-1); hideTip(); });
  lanesEl.addEventListener('wheel', function (ev) {
    var r = lanesEl.getBoundingClientRect(), t = v0 + (ev.clientX - r.left - LABEL_W) / k;
    if (ev.ctrlKey || ev.metaKey) { ev.preventDefault(); zoom(Math.exp(ev.deltaY * 0.002), t); }
    else if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
      ev.preventDefault();
      var dx = (ev.deltaX || ev.deltaY) / k;
      setView(v0 + dx, v1 + dx);
    }
  }, { passive: false });

  var brushing = null;
  axisCell.addEventListener('mousedown', function (ev) {
    if (ev.button !== 0) return;
    var r = axisCell.getBoundingClientRect();
    brushing = { from: ev.clientX - r.left, to: ev.clientX - r.left };
    brush.hidden = false;
    brush.style.left = brushing.from + 'px';
    brush.style.width = '0px';
    ev.preventDefault();
  });
  axisCell.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = axisCell.getBoundingClientRect();
    zoom(Math.exp(ev.deltaY * 0.002), v0 + (ev.clientX - r.left) / k);
  }, { passive: false });
  axisCell.addEventListener('mousemove', function (ev) {
    if (brushing) return;
    var r = axisCell.getBoundingClientRect(), t = v0 + (ev.clientX - r.left) / k, tol = 5 / k;
    var rows = [['time', clock.full(t)]];
    [['scheduled', markers.scheduled, 'due'], ['recurring', markers.recurring, 'enqueued']].forEach(function (mk) {
      var flat = mk[1], i = Math.max(0, lastAtOrBefore(flat, 2, 0, t - tol)), ids = [];
      for (; i < flat.length / 2 && flat[i * 2] <= t + tol; i++) if (flat[i * 2] >= t - tol) ids.push('#' + flat[i * 2 + 1]);
      if (ids.length) rows.push([mk[0], ids.length + ' ' + mk[2] + ': ' + ids.slice(0, 12).join(' ') + (ids.length > 12 ? ' \u2026' : '')]);
    });
    showTip(ev.clientX, ev.clientY, rows.length > 1 ? 'Arrivals' : 'Time axis', rows);
  });
  axisCell.addEventListener('mouseleave', hideTip);
  depths.forEach(function (dp) {
    dp.cell.addEventListener('mousemove', function (ev) {
      var r = dp.cell.getBoundingClientRect(), t = v0 + (ev.clientX - r.left) / k, tol = 4 / k, p = dp.d.p;
      var i = lastAtOrBefore(p, DS, 0, t), peak = 0;
      for (var j = Math.max(0, lastAtOrBefore(p, DS, 0, t - tol)); j < p.length / DS && p[j * DS] <= t + tol; j++) if (p[j * DS] >= t - tol) peak = Math.max(peak, p[j * DS + 2]);
      showTip(ev.clientX, ev.clientY, 'queue ' + (S[dp.d.q] || '(none)'), [['time', clock.full(t)], ['ready', String(i >= 0 ? p[i * DS + 1] : 0)],
        ['peak here', peak > 0 ? String(peak) + ' (within ' + fmtDur(tol * 2) + ')' : '']]);
    });
    dp.cell.addEventListener('mouseleave', hideTip);
  });

  return { root: root, render: render, schedule: schedule };
}
`;
