// The page script, part 1: DOM helpers, time formatting in the scenario's zone, the tooltip.
// Browser JavaScript kept as text; user data only ever reaches the DOM through textContent
// and setAttribute, never as markup.

export const PAGE_SCRIPT_BASE = String.raw`
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function add(parent) {
  for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
  return parent;
}
function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
function pad(n, w) { var s = String(n); while (s.length < w) s = '0' + s; return s; }
function num(n) { return Number(n).toLocaleString('en-US'); }
var MONTHS = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];

function fmtDur(ms) {
  if (!isFinite(ms)) return '?';
  if (ms < 0) return '-' + fmtDur(-ms);
  if (ms < 1000) return (Math.round(ms * 10) / 10) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 3 : 1).replace(/\.?0+$/, '') + ' s';
  var s = Math.floor(ms / 1000);
  if (ms < 3600000) return Math.floor(s / 60) + 'm ' + pad(s % 60, 2) + 's';
  if (ms < 86400000) return Math.floor(s / 3600) + 'h ' + pad(Math.floor(s / 60) % 60, 2) + 'm';
  return Math.floor(s / 86400) + 'd ' + pad(Math.floor(s / 3600) % 24, 2) + 'h';
}

// Wall-clock parts of an instant in one IANA zone (falls back to UTC for an unknown zone).
function Clock(zone) {
  var opts = { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };
  this.valid = true;
  try { opts.timeZone = zone; this.f = new Intl.DateTimeFormat('en-US', opts); this.zone = zone; }
  catch (e) { opts.timeZone = 'UTC'; this.f = new Intl.DateTimeFormat('en-US', opts); this.zone = 'UTC'; this.valid = false; }
}
Clock.prototype.parts = function (t) {
  t = Math.floor(t);
  var ps = this.f.formatToParts(new Date(t)), o = {};
  for (var i = 0; i < ps.length; i++) o[ps[i].type] = ps[i].value;
  o.hour = pad(Number(o.hour) % 24, 2);
  o.ms = ((t % 1000) + 1000) % 1000;
  return o;
};
Clock.prototype.full = function (t) {
  var p = this.parts(t);
  return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ':' + p.second + '.' + pad(p.ms, 3);
};
Clock.prototype.time = function (t, ms) {
  var p = this.parts(t);
  return p.hour + ':' + p.minute + ':' + p.second + (ms ? '.' + pad(p.ms, 3) : '');
};
Clock.prototype.day = function (t) { var p = this.parts(t); return Number(p.day) + ' ' + MONTHS[Number(p.month) - 1]; };
/** Milliseconds the zone is ahead of UTC at t. */
Clock.prototype.offset = function (t) {
  var p = this.parts(t);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - (t - p.ms);
};

var tip = null;
function tooltipEl() {
  if (!tip) { tip = el('div', 'tooltip'); tip.hidden = true; document.body.appendChild(tip); }
  return tip;
}
/** rows: [label, value] pairs shown under a title. */
function showTip(x, y, title, rows) {
  var t = tooltipEl();
  clear(t);
  add(t, el('div', 'tt-title', title));
  for (var i = 0; i < rows.length; i++) {
    if (rows[i][1] === undefined || rows[i][1] === null || rows[i][1] === '') continue;
    add(t, add(el('div', 'tt-row'), el('span', 'tt-k', rows[i][0]), el('span', 'tt-v', rows[i][1])));
  }
  t.hidden = false;
  var w = t.offsetWidth, h = t.offsetHeight;
  var left = x + 14, top = y + 14;
  if (left + w > window.innerWidth - 8) left = Math.max(8, x - w - 14);
  if (top + h > window.innerHeight - 8) top = Math.max(8, y - h - 14);
  t.style.left = left + 'px';
  t.style.top = top + 'px';
}
function hideTip() { if (tip) tip.hidden = true; }

/** Last index i with arr[i*stride+off] <= v in a flat array sorted on that column (-1 if none). */
function lastAtOrBefore(arr, stride, off, v) {
  var lo = 0, hi = arr.length / stride - 1, ans = -1;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    if (arr[mid * stride + off] <= v) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

function setupCanvas(c, w, h) {
  var r = window.devicePixelRatio || 1;
  if (c.width !== Math.round(w * r) || c.height !== Math.round(h * r)) {
    c.width = Math.round(w * r);
    c.height = Math.round(h * r);
    c.style.width = w + 'px';
    c.style.height = h + 'px';
  }
  var g = c.getContext('2d');
  g.setTransform(r, 0, 0, r, 0, 0);
  g.clearRect(0, 0, w, h);
  return g;
}
`;
