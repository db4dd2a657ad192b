// The page script, part 5b: the jobs table, one row per Active Job. Sort by any column (click
// its header), filter by class, queue, outcome, "wait over" and free text; a row opens to show
// every attempt with its process, wait, run time and error. 100 rows a page.

export const PAGE_SCRIPT_JOBS = String.raw`
var JOB_PAGE = 100;

/** "5s", "250ms", "2m", "1h", or bare seconds, to ms; NaN if unreadable. */
function parseWait(text) {
  var m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/.exec(text);
  if (!m) return NaN;
  var k = { ms: 1, s: 1000, m: 60000, min: 60000, h: 3600000 }[m[2] || 's'];
  return Number(m[1]) * k;
}

function jobsTable(sc, env) {
  var S = sc.str, J = sc.jobs, A = sc.agg, X = sc.execs, EX = env.stride.exec, G = J.cls.length, clock = env.clock;
  var multiDay = sc.span[1] - sc.span[0] > 86400000;
  function when(t) { return isFinite(t) ? (multiDay ? clock.day(t) + ' ' : '') + clock.time(t, true) : ''; }
  var cols = [
    { key: 'id', title: 'job', cls: 'num', v: function (g) { return J.ids[g]; }, show: function (g) { return '#' + J.ids[g]; } },
    { key: 'class', title: 'class', cls: 'nowrap', v: function (g) { return S[J.cls[g]]; } },
    { key: 'args', title: 'arguments', cls: 'args', v: function (g) { return J.args[g]; } },
    { key: 'queue', title: 'queue', cls: 'nowrap', v: function (g) { return S[J.queue[g]]; } },
    { key: 'priority', title: 'prio', cls: 'num', v: function (g) { return J.prio[g]; } },
    { key: 'enqueued', title: 'enqueued', cls: 'mono nowrap', v: function (g) { return J.due[g] < 0 ? NaN : J.enqT[g]; }, show: function (g) { return when(J.due[g] < 0 ? NaN : J.enqT[g]); } },
    { key: 'due', title: 'due', cls: 'mono nowrap', v: function (g) { return J.due[g] < 0 ? NaN : J.enqT[g] + J.due[g]; }, show: function (g) { return J.due[g] > 0 ? when(J.enqT[g] + J.due[g]) : J.due[g] === 0 ? 'at once' : ''; } },
    { key: 'started', title: 'started', cls: 'mono nowrap', v: function (g) { return A.start[g]; }, show: function (g) { return when(A.start[g]); } },
    { key: 'finished', title: 'finished', cls: 'mono nowrap', v: function (g) { return A.end[g]; }, show: function (g) { var o = sc.jobOutcomes[J.outcome[g]]; return o === 'running' || o === 'waiting' ? '' : when(A.end[g]); } },
    { key: 'wait', title: 'wait', cls: 'num', v: function (g) { return A.wait[g]; }, show: function (g) { return A.wait[g] >= 0 ? fmtDur(A.wait[g]) : ''; } },
    { key: 'run', title: 'run time', cls: 'num', v: function (g) { return A.attempts[g] ? A.run[g] : -1; }, show: function (g) { return A.attempts[g] ? fmtDur(A.run[g]) : ''; } },
    { key: 'attempts', title: 'attempts', cls: 'num', v: function (g) { return A.attempts[g]; } },
    { key: 'outcome', title: 'outcome', v: function (g) { return sc.jobOutcomes[J.outcome[g]]; }, show: function (g) { return outcomeBadge(sc.jobOutcomes[J.outcome[g]]); } },
    { key: 'error', title: 'last error', cls: 'detail', v: function (g) { return A.err[g] >= 0 ? S[A.err[g]] : ''; } }
  ];
  var root = el('div', 'card jobs');
  root.id = sc.slug + '-jobs';
  add(root, el('h3', null, 'Jobs (' + num(G) + ' Active Jobs, one row each; click a row for its attempts)'));
  var controls = el('div', 'controls');
  function selectOf(label, all, values) {
    var s = el('select'); s.setAttribute('aria-label', label); s.setAttribute('data-filter', label);
    add(s, optionEl('', all));
    values.forEach(function (v) { add(s, optionEl(String(v[0]), v[1])); });
    return s;
  }
  function distinct(arr, name) {
    var c = {}; for (var i = 0; i < arr.length; i++) c[arr[i]] = (c[arr[i]] || 0) + 1;
    return Object.keys(c).map(Number).sort(function (a, b) { return name(a) < name(b) ? -1 : 1; }).map(function (k) { return [k, name(k) + ' (' + num(c[k]) + ')']; });
  }
  var fClass = selectOf('class', 'all classes', distinct(J.cls, function (k) { return S[k]; }));
  var fQueue = selectOf('queue', 'all queues', distinct(J.queue, function (k) { return S[k]; }));
  var fOut = selectOf('outcome', 'all outcomes', distinct(J.outcome, function (k) { return sc.jobOutcomes[k]; }));
  var fWait = el('input'); fWait.type = 'search'; fWait.placeholder = 'wait over (e.g. 5s)'; fWait.className = 'short'; fWait.setAttribute('aria-label', 'wait over');
  var fText = el('input'); fText.type = 'search'; fText.placeholder = 'Filter: id, arguments, error\u2026'; fText.setAttribute('aria-label', 'jobs filter');
  var prevB = el('button', null, '\u2039 Prev'), nextB = el('button', null, 'Next \u203a'), info = el('span', 'count');
  add(controls, fClass, fQueue, fOut, fWait, fText, prevB, nextB, info);
  add(root, controls);
  var table = el('table', 'jobs-table'), headRow = el('tr'), body = el('tbody');
  var sortKey = null, sortDir = 1, ths = [];
  cols.forEach(function (c, ci) {
    var th = el('th', c.cls === 'num' ? 'num sortable' : 'sortable', c.title);
    th.setAttribute('data-col', c.key);
    th.title = 'sort by ' + c.title;
    th.addEventListener('click', function () {
      if (sortKey === ci) sortDir = -sortDir; else { sortKey = ci; sortDir = c.cls === 'num' || c.key === 'wait' ? -1 : 1; }
      refilter();
    });
    ths.push(th);
    add(headRow, th);
  });
  add(table, add(el('thead'), headRow), body);
  add(root, add(el('div', 'scroll tall'), table));
  var order = null, page = 0, open = {}, texts = null;

  function refilter() {
    var fc = fClass.value, fq = fQueue.value, fo = fOut.value, words = fText.value.toLowerCase().split(/\s+/).filter(Boolean);
    var over = fWait.value.trim() === '' ? -Infinity : parseWait(fWait.value);
    fWait.classList.toggle('bad', isNaN(over));
    var list = [];
    if (words.length && !texts) texts = new Array(G);
    for (var g = 0; g < G; g++) {
      if (fc !== '' && String(J.cls[g]) !== fc) continue;
      if (fq !== '' && String(J.queue[g]) !== fq) continue;
      if (fo !== '' && String(J.outcome[g]) !== fo) continue;
      if (over > -Infinity && !(A.wait[g] > over)) continue;
      if (words.length) {
        var t = texts[g];
        if (t === undefined) t = texts[g] = ['#' + J.ids[g], S[J.cls[g]], J.args[g], A.err[g] >= 0 ? S[A.err[g]] : ''].join(' ').toLowerCase();
        var ok = true;
        for (var w = 0; w < words.length && ok; w++) ok = t.indexOf(words[w]) >= 0;
        if (!ok) continue;
      }
      list.push(g);
    }
    if (sortKey !== null) {
      var c = cols[sortKey], keys = new Array(G);
      for (var i = 0; i < list.length; i++) keys[list[i]] = c.v(list[i]);
      list.sort(function (a, b) {
        var x = keys[a], y = keys[b];
        var xn = x === undefined || x === '' || (typeof x === 'number' && isNaN(x)), yn = y === undefined || y === '' || (typeof y === 'number' && isNaN(y));
        if (xn !== yn) return xn ? 1 : -1; // empty cells last either way
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir || a - b;
      });
    }
    ths.forEach(function (th, i) { if (i === sortKey) th.setAttribute('data-sort', sortDir > 0 ? 'asc' : 'desc'); else th.removeAttribute('data-sort'); });
    order = list;
    page = 0;
    draw();
  }
  function attemptsRow(g) {
    var tr = el('tr', 'attempts'), td = el('td');
    td.colSpan = cols.length;
    var t = el('table', 'inner'), b = el('tbody');
    add(t, add(el('thead'), add(el('tr'), el('th', null, 'attempt'), el('th', null, 'job row'), el('th', null, 'process'), el('th', null, 'started'), el('th', null, 'ended'),
      el('th', null, 'wait'), el('th', null, 'run time'), el('th', null, 'outcome'), el('th', null, 'error / note'))), b);
    for (var i = A.first[g]; i >= 0; i = A.next[i]) {
      var o = i * EX, lane = X[o], pname = S[sc.lanes[lane * 4]], pc = el('td', 'mono nowrap', plabel(sc, pname) + ' #' + sc.lanes[lane * 4 + 1]);
      pc.title = pname + ' thread ' + sc.lanes[lane * 4 + 1];
      var outcome = sc.outcomes[X[o + 3]];
      add(b, add(el('tr', 'attempt o-' + outcome), el('td', 'num', A.attempt[i] + ' of ' + A.attempts[g]), el('td', 'num', '#' + X[o + 4]), pc,
        el('td', 'mono nowrap', when(X[o + 1])), el('td', 'mono nowrap', outcome === 'running' ? 'still running' : when(X[o + 2])),
        el('td', 'num', sc.waits[i] >= 0 ? fmtDur(sc.waits[i]) : ''), el('td', 'num', fmtDur(X[o + 2] - X[o + 1])),
        add(el('td'), outcomeBadge(outcome)), el('td', 'detail errmsg', X[o + 9] >= 0 ? S[X[o + 9]] : '')));
    }
    if (A.first[g] < 0) add(b, add(el('tr'), add(el('td', 'empty', 'Never started.'))));
    add(td, t);
    return add(tr, td);
  }
  function draw() {
    var total = order ? order.length : G, pages = Math.max(1, Math.ceil(total / JOB_PAGE));
    if (page > pages - 1) page = pages - 1;
    var from = page * JOB_PAGE, to = Math.min(total, from + JOB_PAGE), frag = document.createDocumentFragment();
    for (var r = from; r < to; r++) {
      var g = order ? order[r] : r, tr = el('tr', 'job');
      tr.id = sc.slug + '-job-' + g;
      tr.setAttribute('data-group', String(g));
      tr.setAttribute('data-outcome', sc.jobOutcomes[J.outcome[g]]);
      if (open[g]) tr.className += ' open';
      for (var c = 0; c < cols.length; c++) {
        var v = cols[c].show ? cols[c].show(g) : cols[c].v(g), td = el('td', cols[c].cls);
        td.setAttribute('data-col', cols[c].key);
        if (v && v.nodeType) td.appendChild(v); else td.textContent = v === undefined || v === null ? '' : String(v);
        tr.appendChild(td);
      }
      frag.appendChild(tr);
      if (open[g]) frag.appendChild(attemptsRow(g));
    }
    clear(body);
    body.appendChild(frag);
    if (total === 0) { var e = el('td', 'empty', G === 0 ? 'No job was enqueued.' : 'No job matches the filters.'); e.colSpan = cols.length; add(body, add(el('tr'), e)); }
    info.textContent = (total === 0 ? 'no rows' : 'rows ' + num(from + 1) + '\u2013' + num(to) + ' of ' + num(total)) + (total < G ? ' (filtered from ' + num(G) + ')' : '') + ' \u00b7 page ' + (page + 1) + '/' + pages;
    prevB.disabled = page === 0;
    nextB.disabled = page >= pages - 1;
  }
  body.addEventListener('click', function (ev) {
    var tr = ev.target.closest ? ev.target.closest('tr.job') : null;
    if (!tr) return;
    var g = Number(tr.getAttribute('data-group'));
    open[g] = !open[g];
    draw();
  });
  [fClass, fQueue, fOut].forEach(function (s) { s.addEventListener('change', refilter); });
  [fWait, fText].forEach(function (s) { s.addEventListener('input', refilter); });
  prevB.addEventListener('click', function () { page--; draw(); });
  nextB.addEventListener('click', function () { page++; draw(); });
  draw();
  /** Shows Active Job g: filters cleared, its page drawn, its attempts open, scrolled to. */
  function reveal(g) {
    fClass.value = fQueue.value = fOut.value = fWait.value = fText.value = '';
    open[g] = true;
    refilter();
    var pos = order.indexOf(g);
    page = Math.floor(pos / JOB_PAGE);
    draw();
    var row = document.getElementById(sc.slug + '-job-' + g);
    if (row) { row.classList.add('flash'); row.scrollIntoView({ block: 'center' }); }
    return row;
  }
  return { root: root, reveal: reveal };
}

function outcomeBadge(o) { var b = el('span', 'outcome', o); b.setAttribute('data-outcome', o); return b; }
`;
