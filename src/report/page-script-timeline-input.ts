// The page script, part 4: a timeline's mouse handling. Hovering a bar highlights every
// execution of its Active Job; dragging the lanes pans; the wheel (with ctrl, or over the axis)
// zooms; dragging across the axis zooms to that range; a click filters the trace to the job.

export const PAGE_SCRIPT_TIMELINE_INPUT = String.raw`
function setHover(T, i) {
  if (i === T.hoverExec) return;
  T.hoverExec = i;
  var g = i < 0 ? -1 : T.X[i * T.EX + 5];
  if (g === T.hoverGroup) return;
  if (T.bars) {
    for (var a = T.hoverGroup < 0 ? -1 : T.gFirst[T.hoverGroup]; a >= 0; a = T.next[a]) T.bars[a].removeAttribute('data-hl');
    for (var c = g < 0 ? -1 : T.gFirst[g]; c >= 0; c = T.next[c]) T.bars[c].setAttribute('data-hl', '1');
  }
  T.hoverGroup = g;
  T.lanesEl.classList.toggle('hovering', g >= 0);
  if (T.canvasMode) drawCanvasBars(T);
  drawLinks(T);
}

/** The execution under the mouse: the bar element, or a hit test on the canvas. */
function execAt(T, ev) {
  if (T.bars) {
    var t = ev.target.closest ? ev.target.closest('.bar') : null;
    return t ? Number(t.getAttribute('data-i')) : -1;
  }
  var r = T.lanesEl.getBoundingClientRect(), mx = ev.clientX - r.left - LABEL_W, lane = Math.floor((ev.clientY - r.top) / LANE_H);
  if (lane < 0 || lane >= T.NL || mx < 0) return -1;
  var list = T.perLane[lane], lo = 0, hi = list.length - 1, at = -1, tm = T.v0 + mx / T.k;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    if (T.X[list[mid] * T.EX + 1] <= tm) { at = mid; lo = mid + 1; } else hi = mid - 1;
  }
  for (var s = Math.min(list.length - 1, at + 9); s >= 0 && s >= at - 40; s--) {
    geom(T, list[s]);
    if (mx >= T.gx - 1 && mx <= T.gx + T.gw + 1) return list[s];
  }
  return -1;
}

function execTip(T, ev, i) {
  var X = T.X, S = T.S, o = i * T.EX, g = X[o + 5], outcome = T.outcomes[X[o + 3]], running = outcome === 'running';
  var clock = T.clock, pname = S[T.L[X[o] * 4]];
  showTip(ev.clientX, ev.clientY, S[X[o + 7]] + '  \u00b7  job #' + X[o + 4], [
    ['outcome', T.palette.labels[outcome]],
    ['execution', T.attempt[i] + ' of ' + T.gCount[g]],
    ['queue', S[X[o + 8]] + '  (priority ' + X[o + 10] + ')'],
    ['process', plabel(T.sc, pname) + ' thread ' + T.L[X[o] * 4 + 1] + ' (' + pname + ')'],
    ['wait', T.sc.waits[i] >= 0 ? fmtDur(T.sc.waits[i]) : ''],
    ['started', clock.full(X[o + 1])],
    ['ended', running ? 'still running' : clock.full(X[o + 2])],
    ['duration', fmtDur(X[o + 2] - X[o + 1]) + (running ? '+' : '')],
    ['note', X[o + 9] >= 0 ? S[X[o + 9]] : ''],
    ['arguments', T.sc.jobs.args[g]],
    ['', 'click: show this job and its attempts in the jobs table']
  ]);
}

function attachTimelineInput(T) {
  var drag = null, brushing = null, lanes = T.lanesEl, axis = T.axisCell;
  T.bOut.addEventListener('click', function () { T.zoom(2); });
  T.bIn.addEventListener('click', function () { T.zoom(0.5); });
  T.bFit.addEventListener('click', function () { T.setView(T.full0, T.full1); });

  lanes.addEventListener('mousedown', function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, v0: T.v0, v1: T.v1, moved: false, exec: execAt(T, ev) };
    ev.preventDefault();
  });
  window.addEventListener('mousemove', function (ev) {
    if (drag) {
      var dx = ev.clientX - drag.x;
      if (Math.abs(dx) > 3) { drag.moved = true; lanes.classList.add('dragging'); hideTip(); }
      if (drag.moved) T.setView(drag.v0 - dx / T.k, drag.v1 - dx / T.k);
    } else if (brushing) {
      var r = axis.getBoundingClientRect(), x = Math.min(Math.max(ev.clientX - r.left, 0), T.W);
      brushing.to = x;
      T.brush.style.left = Math.min(brushing.from, x) + 'px';
      T.brush.style.width = Math.abs(x - brushing.from) + 'px';
    }
  });
  window.addEventListener('mouseup', function () {
    if (drag) {
      lanes.classList.remove('dragging');
      if (!drag.moved && drag.exec >= 0) T.env.onSelect(T.X[drag.exec * T.EX + 5]);
      drag = null;
    }
    if (brushing) {
      var a = Math.min(brushing.from, brushing.to), b = Math.max(brushing.from, brushing.to);
      T.brush.hidden = true;
      brushing = null;
      if (b - a > 4) T.setView(T.v0 + a / T.k, T.v0 + b / T.k);
    }
  });
  lanes.addEventListener('mousemove', function (ev) {
    if (drag && drag.moved) return;
    var i = execAt(T, ev);
    setHover(T, i);
    if (i >= 0) execTip(T, ev, i); else hideTip();
  });
  lanes.addEventListener('mouseleave', function () { setHover(T, -1); hideTip(); });
  lanes.addEventListener('wheel', function (ev) {
    var r = lanes.getBoundingClientRect(), t = T.v0 + (ev.clientX - r.left - LABEL_W) / T.k;
    if (ev.ctrlKey || ev.metaKey) { ev.preventDefault(); T.zoom(Math.exp(ev.deltaY * 0.002), t); }
    else if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
      ev.preventDefault();
      var dt = (ev.deltaX || ev.deltaY) / T.k;
      T.setView(T.v0 + dt, T.v1 + dt);
    }
  }, { passive: false });

  axis.addEventListener('mousedown', function (ev) {
    if (ev.button !== 0) return;
    var r = axis.getBoundingClientRect();
    brushing = { from: ev.clientX - r.left, to: ev.clientX - r.left };
    T.brush.hidden = false;
    T.brush.style.left = brushing.from + 'px';
    T.brush.style.width = '0px';
    ev.preventDefault();
  });
  axis.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = axis.getBoundingClientRect();
    T.zoom(Math.exp(ev.deltaY * 0.002), T.v0 + (ev.clientX - r.left) / T.k);
  }, { passive: false });
  axis.addEventListener('mousemove', function (ev) {
    if (brushing) return;
    var r = axis.getBoundingClientRect(), t = T.v0 + (ev.clientX - r.left) / T.k, tol = 5 / T.k, rows = [['time', T.clock.full(t)]];
    [['scheduled', T.markers.scheduled, 'due'], ['recurring', T.markers.recurring, 'enqueued']].forEach(function (mk) {
      var flat = mk[1], ids = [];
      for (var i = Math.max(0, lastAtOrBefore(flat, 2, 0, t - tol)); i < flat.length / 2 && flat[i * 2] <= t + tol; i++) if (flat[i * 2] >= t - tol) ids.push('#' + flat[i * 2 + 1]);
      if (ids.length) rows.push([mk[0], ids.length + ' ' + mk[2] + ': ' + ids.slice(0, 12).join(' ') + (ids.length > 12 ? ' \u2026' : '')]);
    });
    showTip(ev.clientX, ev.clientY, rows.length > 1 ? 'Arrivals' : 'Time axis', rows);
  });
  axis.addEventListener('mouseleave', hideTip);

  T.depths.forEach(function (dp) {
    dp.cell.addEventListener('mousemove', function (ev) {
      var r = dp.cell.getBoundingClientRect(), t = T.v0 + (ev.clientX - r.left) / T.k, tol = 4 / T.k, p = dp.d.p, DS = T.DS;
      var i = lastAtOrBefore(p, DS, 0, t), peak = 0;
      for (var j = Math.max(0, lastAtOrBefore(p, DS, 0, t - tol)); j < p.length / DS && p[j * DS] <= t + tol; j++) if (p[j * DS] >= t - tol) peak = Math.max(peak, p[j * DS + 2]);
      showTip(ev.clientX, ev.clientY, 'queue ' + (T.S[dp.d.q] || '(none)'), [['time', T.clock.full(t)], ['ready', String(i >= 0 ? p[i * DS + 1] : 0)],
        ['peak here', peak > 0 ? String(peak) + ' (within ' + fmtDur(tol * 2) + ')' : '']]);
    });
    dp.cell.addEventListener('mouseleave', hideTip);
  });
}
`;
