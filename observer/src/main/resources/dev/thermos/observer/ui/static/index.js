// The index: active and finished tasks, paged, filtered by id substring, reloaded when the event
// stream reports a transition (no polling, no page reload).
import {
  badge, coalesce, crumbs, el, fill, fmtTime, followEvents, getJson, portLinks, urls,
} from './common.js';

const LIMIT = 20;
const params = new URLSearchParams(location.search);
const view = {
  q: params.get('q') || '',
  active: { offset: Math.max(0, Number(params.get('active_offset')) || 0), seen: new Map() },
  finished: { offset: Math.max(0, Number(params.get('finished_offset')) || 0), seen: new Map() },
};

function processSummary(processes) {
  const counts = new Map();
  for (const p of Object.values(processes || {})) {
    const state = (p && p.last && p.last.state) || 'WAITING';
    counts.set(state, (counts.get(state) || 0) + 1);
  }
  return [...counts.entries()].map(([state, n]) => [badge(state, `${n} ${state}`), ' ']);
}

function runnerCell(row) {
  if (!row.active) return '—';
  if (row.runner === 'alive') return `alive (pid ${row.runner_pid})`;
  return row.runner || '—';
}

function taskRow(row, changed) {
  const launched = row.launch_time_ms ? fmtTime(row.launch_time_ms / 1000) : '—';
  return el('tr', { class: changed ? 'changed' : null, 'data-task': row.task_id },
    el('td', { class: 'id' }, el('a', { href: urls.task(row.task_id) }, row.task_id)),
    el('td', { class: 'state' }, badge(row.state), row.error ? el('span', { class: 'error' }, ' unreadable') : null),
    el('td', {}, processSummary(row.processes)),
    el('td', {}, launched),
    el('td', {}, row.user || '—'),
    el('td', {}, runnerCell(row)),
    el('td', {}, portLinks(row.ports)),
    el('td', {}, el('a', { href: urls.browse(row.task_id) }, 'sandbox')));
}

function pager(which, page) {
  const section = view[which];
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = Math.min(page.offset + page.tasks.length, page.total);
  const go = (offset) => () => {
    section.offset = Math.max(0, offset);
    remember();
    load(which);
  };
  return el('div', { class: 'pager' },
    el('button', { type: 'button', onclick: go(page.offset - LIMIT), disabled: page.offset <= 0 ? '' : null }, '‹ newer'),
    el('span', {}, `${first}–${last} of ${page.total}`),
    el('button', { type: 'button', onclick: go(page.offset + LIMIT), disabled: last >= page.total ? '' : null }, 'older ›'));
}

function render(which, page) {
  const section = document.getElementById(which);
  const seen = view[which].seen;
  const next = new Map();
  const rows = page.tasks.map((row) => {
    const key = JSON.stringify([row.state, row.processes]);
    next.set(row.task_id, key);
    return taskRow(row, seen.size > 0 && seen.get(row.task_id) !== key);
  });
  view[which].seen = next;
  fill(section.querySelector('.count'), `(${page.total})`);
  const list = section.querySelector('.list');
  if (rows.length === 0) {
    fill(list, el('p', { class: 'note' }, view.q ? 'No task id contains that.' : 'None.'));
    return;
  }
  fill(list, el('table', { class: 'tasks' },
    el('thead', {}, el('tr', {}, ['Task', 'State', 'Processes', 'Launched', 'User', 'Runner', 'Ports', 'Files']
      .map((h) => el('th', {}, h)))),
    el('tbody', {}, rows)), pager(which, page));
}

async function load(which) {
  const r = await getJson(urls.apiTasks(which, view[which].offset, LIMIT, view.q));
  const list = document.getElementById(which).querySelector('.list');
  if (!r.ok || !r.body || !Array.isArray(r.body.tasks)) {
    fill(list, el('p', { class: 'error' }, `Could not load the ${which} tasks (HTTP ${r.status}).`));
    return;
  }
  if (r.body.tasks.length === 0 && view[which].offset > 0 && r.body.total > 0) {
    view[which].offset = Math.max(0, r.body.total - LIMIT); // the page shrank under us
    load(which);
    return;
  }
  render(which, r.body);
}

function remember() {
  const p = new URLSearchParams();
  if (view.q) p.set('q', view.q);
  if (view.active.offset) p.set('active_offset', view.active.offset);
  if (view.finished.offset) p.set('finished_offset', view.finished.offset);
  const query = p.toString();
  history.replaceState(null, '', query ? `/?${query}` : '/');
}

function loadAll() {
  load('active');
  load('finished');
}

crumbs(['Tasks', null]);
const filter = el('input', { id: 'filter', type: 'search', autocomplete: 'off', placeholder: 'substring' });
const section = (which, title) => el('section', { id: which }, el('h2', {}, title, ' ', el('span', { class: 'count' })),
  el('div', { class: 'list' }));
fill(document.getElementById('main'), el('div', { class: 'toolbar' }, el('label', {}, 'Filter by task id ', filter)),
  section('active', 'Active tasks'), section('finished', 'Finished tasks'));
filter.value = view.q;
const refilter = coalesce(() => {
  view.q = filter.value;
  view.active.offset = 0;
  view.finished.offset = 0;
  remember();
  loadAll();
}, 200);
filter.addEventListener('input', refilter);
loadAll();
followEvents(coalesce(loadAll, 300));
