// The page script, part 4: what failed and why, first. Each failed expectation with what was
// expected and what happened, and the executions that explain it (the longest waits for a
// latency bound, else the attempts that went wrong with their errors), each a link to its row
// in the jobs table; the processes that died. Then every expectation with its measured value.

export const PAGE_SCRIPT_FAILURES = String.raw`
function evidenceItem(sc, env, i, latency) {
  var X = sc.execs, EX = env.stride.exec, S = sc.str, o = i * EX, g = X[o + 5], A = sc.agg, outcome = sc.outcomes[X[o + 3]];
  var pname = S[sc.lanes[X[o] * 4]], li = el('li', 'evidence');
  li.setAttribute('data-outcome', outcome);
  var a = el('a', 'ev-link', S[X[o + 7]] + ' job #' + X[o + 4] + ' \u00b7 attempt ' + A.attempt[i] + ' of ' + A.attempts[g]);
  a.href = '#' + sc.slug + '-jobs';
  a.setAttribute('data-group', String(g));
  a.addEventListener('click', function (ev) { ev.preventDefault(); env.reveal(g); });
  var where = el('span', 'ev-where', plabel(sc, pname));
  where.title = pname + ' thread ' + sc.lanes[X[o] * 4 + 1];
  add(li, outcomeBadge(outcome), document.createTextNode(' '), a, el('span', 'ev-at', ' at ' + env.clock.time(X[o + 1], true) + ' on '), where);
  if (latency) add(li, el('span', 'ev-wait', ' waited ' + fmtDur(sc.waits[i])));
  if (X[o + 9] >= 0) add(li, el('div', 'errmsg', S[X[o + 9]]));
  return li;
}

function failuresCard(sc, env) {
  var failed = sc.expectations.filter(function (e) { return !e.passed; });
  var deaths = [];
  for (var m = 0; m < sc.marks.length; m += 3) if (sc.str[sc.marks[m + 1]] === 'death') deaths.push(m);
  if (failed.length === 0 && sc.error === undefined) return null;
  var root = el('div', 'card failures');
  add(root, el('h3', null, 'What failed (' + failed.length + ' of ' + sc.expectations.length + ' expectations)'));
  if (sc.error !== undefined) add(root, el('pre', 'error', sc.error));
  var list = el('ol', 'fail-list');
  failed.forEach(function (e) {
    var li = el('li', 'failed-expectation');
    add(li, add(el('div', 'fe-head'), el('span', 'bad', '\u2717'), el('b', 'fe-name', e.name)));
    if (e.message) add(li, el('div', 'fe-msg', e.message));
    if (e.measured) add(li, el('div', 'fe-measured', 'measured: ' + e.measured));
    if (e.evidence.length) {
      var latency = !!(e.focus && e.focus.latency);
      add(li, el('div', 'fe-why', latency ? 'The longest waits:' : 'The attempts that went wrong:'));
      var ul = el('ul', 'evidence-list');
      e.evidence.forEach(function (i) { add(ul, evidenceItem(sc, env, i, latency)); });
      add(li, ul);
    }
    add(list, li);
  });
  add(root, list);
  if (deaths.length) {
    var d = el('ul', 'deaths');
    deaths.forEach(function (m) { add(d, el('li', null, sc.str[sc.marks[m + 2]] + ' at ' + env.clock.full(sc.marks[m]))); });
    add(root, el('div', 'fe-why', 'Processes that died:'), d);
  }
  return root;
}

function expectationsCard(sc) {
  var root = el('div', 'card');
  var failed = sc.expectations.filter(function (e) { return !e.passed; }).length;
  add(root, el('h3', null, 'Expectations (' + (sc.expectations.length - failed) + '/' + sc.expectations.length + ' passed)'));
  if (sc.expectations.length === 0) {
    add(root, el('p', 'note', sc.error !== undefined ? 'The run did not get as far as its expectations.' : 'This scenario has no expectations.'));
    return root;
  }
  var table = el('table', 'expectations'), body = el('tbody');
  add(table, add(el('thead'), add(el('tr'), el('th', null, ''), el('th', null, 'expectation'), el('th', null, 'measured'), el('th', null, 'message'))), body);
  sc.expectations.forEach(function (e) {
    var tr = el('tr', e.passed ? 'pass' : 'fail');
    add(body, add(tr, el('td', e.passed ? 'ok' : 'bad', e.passed ? '\u2713' : '\u2717'), el('td', null, e.name), el('td', 'measured', e.measured || ''), el('td', 'detail', e.message || '')));
  });
  add(root, add(el('div', 'scroll'), table));
  return root;
}
`;
