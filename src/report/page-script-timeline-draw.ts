// The page script, part 3: drawing a timeline for its current view [T.v0, T.v1]: the time axis
// with arrival marks, lifetimes, bars (DOM or canvas), retry links and the queue-depth charts.

export const PAGE_SCRIPT_TIMELINE_DRAW = String.raw`
var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5,
  36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5, 12096e5, 2592e6, 7776e6, 31536e6];
// Where bars overlap (a zoomed-out canvas), the rarer outcomes that matter are drawn last.
var DRAW_ORDER = ['succeeded', 'retried', 'discarded', 'running', 'lost', 'failed', 'killed'];
// Above this many links in view only the hovered job's are drawn: thousands are just noise.
var LINK_LIMIT = 1500;

function renderTimeline(T) {
  T.W = Math.max(60, T.axisCell.clientWidth || 800);
  T.k = T.W / (T.v1 - T.v0);
  T.range.textContent = T.clock.full(T.v0) + '  \u2192  ' + T.clock.full(T.v1) + '   (' + fmtDur(T.v1 - T.v0) + ' shown)';
  drawAxis(T);
  positionLives(T);
  if (T.canvasMode) drawCanvasBars(T); else positionBars(T);
  drawLinks(T);
  drawDepth(T);
}

/** Sets T.gx / T.gw to execution i's left edge and width in pixels (zero-time runs nudged apart). */
function geom(T, i) {
  var o = i * T.EX, X = T.X, nudge = Math.min(X[o + 6], 8) * 4;
  T.gx = (X[o + 1] - T.v0) * T.k + nudge;
  T.gw = Math.max(3, (X[o + 2] - X[o + 1]) * T.k);
}
function laneY(T, i) { return T.X[i * T.EX] * LANE_H + LANE_H / 2; }

function tickLabel(T, t, step) {
  var p = T.clock.parts(t), midnight = p.hour === '00' && p.minute === '00' && p.second === '00' && p.ms === 0;
  if (step >= 864e5 || (midnight && step >= 1000)) return { text: T.clock.day(t), bold: true };
  if (step >= 6e4) return { text: p.hour + ':' + p.minute };
  if (step >= 1e3) return { text: p.hour + ':' + p.minute + ':' + p.second };
  return { text: p.minute + ':' + p.second + '.' + pad(p.ms, 3) };
}

function drawAxis(T) {
  var g = setupCanvas(T.axisCanvas, T.W, AXIS_H), step = STEPS[STEPS.length - 1];
  for (var s = 0; s < STEPS.length; s++) if (STEPS[s] * T.k >= 100) { step = STEPS[s]; break; }
  var off = T.clock.offset(T.v0); // ticks on the zone's round times, not UTC's
  T.ticks = [];
  g.textBaseline = 'top';
  for (var t = Math.ceil((T.v0 + off) / step) * step - off; t <= T.v1; t += step) {
    var x = (t - T.v0) * T.k, lab = tickLabel(T, t, step);
    T.ticks.push(x);
    g.fillStyle = '#c5cad6';
    g.fillRect(Math.round(x), 20, 1, 6);
    g.fillStyle = lab.bold ? '#1d2433' : '#4a5368';
    g.font = (lab.bold ? '600 ' : '') + '11px ' + T.env.font;
    var tw = g.measureText(lab.text).width;
    g.fillText(lab.text, Math.min(Math.max(x - tw / 2, 2), T.W - tw - 2), 5);
  }
  drawMarks(T, g, T.markers.scheduled, function (x) {
    g.moveTo(x - 4, 29); g.lineTo(x + 4, 29); g.lineTo(x, 36); g.closePath();
  }, T.palette.marks.scheduled);
  drawMarks(T, g, T.markers.recurring, function (x) {
    g.moveTo(x, 36); g.lineTo(x + 4, 40); g.lineTo(x, 44); g.lineTo(x - 4, 40); g.closePath();
  }, T.palette.marks.recurring);
}

/** Marks in view, at most one per pixel column. */
function drawMarks(T, g, flat, shape, colour) {
  var lastPx = -1e9;
  g.beginPath();
  for (var i = Math.max(0, lastAtOrBefore(flat, 2, 0, T.v0)); i < flat.length / 2; i++) {
    var t = flat[i * 2];
    if (t < T.v0) continue;
    if (t > T.v1) break;
    var x = Math.round((t - T.v0) * T.k);
    if (x === lastPx) continue;
    lastPx = x;
    shape(x);
  }
  g.fillStyle = colour;
  g.fill();
}

function positionLives(T) {
  for (var i = 0; i < T.lives.length; i++) {
    var l = T.lives[i], x0 = Math.max(-2, (l.from - T.v0) * T.k), x1 = Math.min(T.W + 2, (l.to - T.v0) * T.k);
    if (x1 <= x0) { l.el.style.display = 'none'; continue; }
    l.el.style.display = '';
    l.el.style.left = x0 + 'px';
    l.el.style.width = (x1 - x0) + 'px';
  }
  for (var j = 0; j < T.deaths.length; j++) {
    var x = (T.deaths[j].t - T.v0) * T.k;
    T.deaths[j].el.style.display = x < -2 || x > T.W + 2 ? 'none' : '';
    T.deaths[j].el.style.left = (x - 1) + 'px';
  }
}

function positionBars(T) {
  var W = T.W;
  for (var i = 0; i < T.N; i++) {
    geom(T, i);
    var x0 = T.gx, w = T.gw, e = T.bars[i];
    if (x0 > W + 2 || x0 + w < -2) {
      if (!T.hidden[i]) { e.style.display = 'none'; T.hidden[i] = 1; }
      continue;
    }
    if (T.hidden[i]) { e.style.display = ''; T.hidden[i] = 0; }
    if (x0 < -4) { w -= -4 - x0; x0 = -4; }
    if (w > W + 8) w = W + 8;
    e.style.left = x0.toFixed(1) + 'px';
    e.style.width = w.toFixed(1) + 'px';
  }
}

// One path per outcome (a fill per colour, not per bar); a bar hidden under the previous bar
// of the same colour in its lane is skipped, so a full view of 100,000 bars stays quick.
function drawCanvasBars(T) {
  var g = setupCanvas(T.barCanvas, T.W, T.H), X = T.X, EX = T.EX, hl = T.hoverGroup, NO = T.outcomes.length;
  var right = new Float64Array(T.NL * NO).fill(-1e9);
  g.globalAlpha = hl >= 0 ? 0.28 : 1;
  for (var d = 0; d < DRAW_ORDER.length; d++) {
    var oc = T.outcomes.indexOf(DRAW_ORDER[d]);
    g.beginPath();
    for (var i = 0; i < T.N; i++) {
      var o = i * EX;
      if (X[o + 3] !== oc) continue;
      geom(T, i);
      if (T.gx > T.W + 2 || T.gx + T.gw < -2) continue;
      var slot = X[o] * NO + oc;
      if (T.gx + T.gw <= right[slot] + 0.5) continue;
      right[slot] = T.gx + T.gw;
      g.rect(T.gx, X[o] * LANE_H + 4, T.gw, 14);
    }
    g.fillStyle = T.palette.outcomes[DRAW_ORDER[d]];
    g.fill();
  }
  g.globalAlpha = 1;
  for (var c = hl < 0 ? -1 : T.gFirst[hl]; c >= 0; c = T.next[c]) {
    geom(T, c);
    var y = X[c * EX] * LANE_H;
    g.fillStyle = T.palette.outcomes[T.outcomes[X[c * EX + 3]]];
    g.fillRect(T.gx, y + 4, T.gw, 14);
    g.strokeStyle = T.palette.marks.link;
    g.lineWidth = 2;
    g.strokeRect(T.gx - 1.5, y + 2.5, T.gw + 3, 17);
  }
}

/** Grid lines, then a curve from each execution's end to the start of its Active Job's next one. */
function drawLinks(T) {
  var g = setupCanvas(T.links, T.W, T.H), hl = T.hoverGroup, X = T.X, EX = T.EX;
  g.fillStyle = 'rgba(29,36,51,0.06)';
  for (var t = 0; t < T.ticks.length; t++) g.fillRect(Math.round(T.ticks[t]), 0, 1, T.H);
  for (var pass = hl >= 0 ? 1 : 0; pass < 2; pass++) { // pass 0: every link; 1: only the hovered job's
    var dots = [], drawn = 0;
    g.beginPath();
    for (var i = 0; i < T.N; i++) {
      var p = T.prev[i];
      if (p < 0 || (pass === 1) !== (X[i * EX + 5] === hl)) continue;
      geom(T, p);
      var xa = T.gx + T.gw, ya = laneY(T, p);
      geom(T, i);
      var xb = T.gx, yb = laneY(T, i);
      if (Math.max(xa, xb) < -40 || Math.min(xa, xb) > T.W + 40) continue;
      if (ya === yb && xb - xa < 2) continue; // back to back on one lane: nothing to draw
      drawn++;
      g.moveTo(xa, ya);
      if (ya === yb) g.bezierCurveTo(xa + 6, ya - 12, xb - 6, yb - 12, xb, yb - 3);
      else { var c = Math.max(14, Math.abs(xb - xa) / 2); g.bezierCurveTo(xa + c, ya, xb - c, yb, xb, yb); }
      dots.push(xb, ya === yb ? yb - 3 : yb);
    }
    if (pass === 0) {
      T.linksNote.hidden = drawn <= LINK_LIMIT;
      if (drawn > LINK_LIMIT) continue;
    }
    g.strokeStyle = T.palette.marks.link;
    g.globalAlpha = pass === 1 ? 1 : 0.65;
    g.lineWidth = pass === 1 ? 2.5 : 1.4;
    g.setLineDash(pass === 1 ? [] : [4, 3]);
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = T.palette.marks.link;
    for (var d = 0; d < dots.length; d += 2) g.fillRect(dots[d] - 2, dots[d + 1] - 2, 4, 4);
  }
  g.globalAlpha = 1;
}

/** Step charts of ready executions; a spike where a burst came and went within one instant. */
function drawDepth(T) {
  var DS = T.DS;
  for (var n = 0; n < T.depths.length; n++) {
    var d = T.depths[n].d, pts = d.p, g = setupCanvas(T.depths[n].canvas, T.W, DEPTH_H - 1), base = DEPTH_H - 3;
    var y = function (v) { return d.max === 0 ? base : base - (v / d.max) * (DEPTH_H - 9); };
    g.fillStyle = 'rgba(29,36,51,0.06)';
    for (var t = 0; t < T.ticks.length; t++) g.fillRect(Math.round(T.ticks[t]), 0, 1, DEPTH_H);
    var i = lastAtOrBefore(pts, DS, 0, T.v0), cur = i >= 0 ? pts[i * DS + 1] : 0;
    g.beginPath();
    g.moveTo(0, base);
    g.lineTo(0, y(cur));
    for (var j = i + 1; j < pts.length / DS; j++) {
      if (pts[j * DS] > T.v1) break;
      var x = (pts[j * DS] - T.v0) * T.k;
      g.lineTo(x, y(cur));
      g.lineTo(x, y(Math.max(cur, pts[j * DS + 2])));
      cur = pts[j * DS + 1];
      g.lineTo(x, y(cur));
    }
    g.lineTo(T.W, y(cur));
    g.lineTo(T.W, base);
    g.fillStyle = 'rgba(79,70,229,0.16)';
    g.fill();
    g.strokeStyle = '#4f46e5';
    g.lineWidth = 1.2;
    g.stroke();
  }
}
`;
