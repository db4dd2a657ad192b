// The page script, part 5: the trace table. A paged table filters on every key stroke over all its rows
// (words must all appear, any case) and draws one page, so 100,000 rows stay responsive.

export const PAGE_SCRIPT_TABLES = String.raw`
var PAGE_ROWS = 100;

function pagedTable(o) {
  var root = el('div', 'card');
  add(root, el('h3', null, o.title));
  var controls = el('div', 'controls');
  var input = el('input');
  input.type = 'search';
  input.placeholder = o.placeholder;
  input.setAttribute('aria-label', o.title + ' filter');
  var select = null;
  if (o.select) {
    select = el('select');
    select.setAttribute('aria-label', o.select.label);
    add(select, optionEl('', o.select.all));
    o.select.options.forEach(function (op) { add(select, optionEl(op[0], op[1])); });
  }
  var prevB = el('button', null, '\u2039 Prev'), nextB = el('button', null, 'Next \u203a'), info = el('span', 'count');
  add(controls, input, select, prevB, nextB, info);
  add(root, controls);
  var table = el('table'), head = el('tr'), body = el('tbody');
  o.columns.forEach(function (c) { add(head, el('th', null, c.title)); });
  add(table, add(el('thead'), head), body);
  add(root, add(el('div', 'scroll'), table));
  if (o.note) add(root, el('p', 'note', o.note));

  var page = 0, matches = null, texts = null;
  function refilter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), sv = select ? select.value : '';
    if (words.length === 0 && sv === '') matches = null;
    else {
      if (words.length && !texts) texts = new Array(o.count);
      matches = [];
      for (var i = 0; i < o.count; i++) {
        if (sv !== '' && !o.select.match(i, sv)) continue;
        if (words.length) {
          var t = texts[i];
          if (t === undefined) t = texts[i] = o.search(i).toLowerCase();
          var ok = true;
          for (var w = 0; w < words.length && ok; w++) ok = t.indexOf(words[w]) >= 0;
          if (!ok) continue;
        }
        matches.push(i);
      }
    }
    page = 0;
    draw();
  }
  function draw() {
    var total = matches ? matches.length : o.count, pages = Math.max(1, Math.ceil(total / PAGE_ROWS));
    if (page > pages - 1) page = pages - 1;
    var from = page * PAGE_ROWS, to = Math.min(total, from + PAGE_ROWS), frag = document.createDocumentFragment();
    for (var r = from; r < to; r++) {
      var i = matches ? matches[r] : r, tr = el('tr');
      for (var c = 0; c < o.columns.length; c++) {
        var td = el('td', o.columns[c].cls), v = o.cell(i, c);
        if (v && v.nodeType) td.appendChild(v); else td.textContent = v === undefined || v === null ? '' : String(v);
        tr.appendChild(td);
      }
      frag.appendChild(tr);
    }
    clear(body);
    body.appendChild(frag);
    if (total === 0) {
      var empty = el('td', 'empty', o.count === 0 ? o.emptyText : 'No row matches the filter.');
      empty.colSpan = o.columns.length;
      add(body, add(el('tr'), empty));
    }
    info.textContent = (total === 0 ? 'no rows' : 'rows ' + num(from + 1) + '\u2013' + num(to) + ' of ' + num(total)) +
      (matches ? ' (filtered from ' + num(o.count) + ')' : '') + ' \u00b7 page ' + (page + 1) + '/' + pages;
    prevB.disabled = page === 0;
    nextB.disabled = page >= pages - 1;
  }
  input.addEventListener('input', refilter);
  if (select) select.addEventListener('change', refilter);
  prevB.addEventListener('click', function () { page--; draw(); });
  nextB.addEventListener('click', function () { page++; draw(); });
  draw();
  return { root: root, setFilter: function (text) { input.value = text; if (select) select.value = ''; refilter(); } };
}
function optionEl(value, text) { var op = el('option', null, text); op.value = value; return op; }

function typeBadge(type) { var b = el('span', 'type', type); b.className = 'type t-' + type.replace(/[^a-z_]/g, ''); return b; }

function traceTable(sc, env) {
  var S = sc.str, R = sc.events.rows, ES = env.stride.event, n = R.length / ES, clock = env.clock;
  var counts = {};
  for (var i = 0; i < n; i++) counts[R[i * ES + 2]] = (counts[R[i * ES + 2]] || 0) + 1;
  var types = Object.keys(counts).map(Number).sort(function (a, b) { return S[a] < S[b] ? -1 : 1; });
  var note = sc.events.total > n ? 'Showing the first ' + num(n) + ' of ' + num(sc.events.total) + ' events.' : '';
  if (sc.traceFile) note += (sc.events.total > n ? ' The full trace is in ' : 'Every field of every event is in ') + sc.traceFile + '.';
  if (sc.droppedEvents > 0) note += ' The simulation dropped ' + num(sc.droppedEvents) + ' further events (trace limit).';
  function str(v) { return v >= 0 ? S[v] : ''; }
  return pagedTable({
    title: 'Trace (' + num(sc.events.total) + ' events)',
    placeholder: 'Filter: job id, class, queue, process, active job id, data\u2026',
    count: n,
    emptyText: 'The trace is empty.',
    note: note,
    columns: [{ title: 'time (' + clock.zone + ')', cls: 'mono nowrap' }, { title: 'since start', cls: 'num' }, { title: 'seq', cls: 'num' },
      { title: 'type' }, { title: 'job', cls: 'num' }, { title: 'class', cls: 'nowrap' }, { title: 'queue', cls: 'nowrap' },
      { title: 'process', cls: 'mono nowrap' }, { title: 'data', cls: 'detail' }],
    cell: function (i, c) {
      var o = i * ES;
      switch (c) {
        case 0: return clock.full(R[o]);
        case 1: return '+' + fmtDur(R[o] - sc.start);
        case 2: return R[o + 1];
        case 3: return typeBadge(S[R[o + 2]]);
        case 4: return R[o + 3] >= 0 ? '#' + R[o + 3] : '';
        case 5: return str(R[o + 4]);
        case 6: return str(R[o + 5]);
        case 7: return plabel(sc, str(R[o + 6])) + (R[o + 7] >= 0 ? ' #' + R[o + 7] : '');
        default: return R[o + 9];
      }
    },
    search: function (i) {
      var o = i * ES;
      return [S[R[o + 2]], R[o + 3] >= 0 ? '#' + R[o + 3] : '', str(R[o + 4]), str(R[o + 5]), str(R[o + 6]), str(R[o + 8]), R[o + 9]].join(' ');
    },
    select: {
      label: 'event type', all: 'all types',
      options: types.map(function (t) { return [String(t), S[t] + ' (' + num(counts[t]) + ')']; }),
      match: function (i, v) { return String(R[i * ES + 2]) === v; }
    }
  });
}
`;
