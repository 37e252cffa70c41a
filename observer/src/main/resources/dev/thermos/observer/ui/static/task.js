// The task page: header, processes, ordering DAG, run timeline, CPU/memory charts; reloaded when
// the event stream reports a transition of this task.
import {
  badge, coalesce, crumbs, el, fill, fmtBytes, fmtCpu, fmtTime, followEvents, getJson,
  healthBadge, notFound, pageParams, portLinks, stopBadge, stopLabel, urls,
} from './common.js';
import { drawDag } from './dag.js';
import { drawTimeline, endsFromHistory } from './timeline.js';
import { Charts } from './charts.js';

const [taskId] = pageParams();
const main = document.getElementById('main');
const parts = {};
/** How much history the charts show (the whole history of a long task is a lot of samples). */
const WINDOWS = [['last hour', 3600], ['last 6 hours', 6 * 3600], ['last day', 86400], ['all kept', 0]];

/** Process names: the task's order first, then any the checkpoint knows besides. */
export function processNames(view) {
  const names = [];
  for (const p of (view.task && Array.isArray(view.task.processes)) ? view.task.processes : []) {
    if (p && p.name !== undefined && !names.includes(String(p.name))) names.push(String(p.name));
  }
  for (const n of Object.keys(view.processes || {})) if (!names.includes(n)) names.push(n);
  return names;
}

function lastRun(view, name) {
  const runs = (view.processes || {})[name] || [];
  return runs.length ? runs[runs.length - 1] : null;
}

function lastExitCode(runs) {
  for (let i = runs.length - 1; i >= 0; i -= 1) {
    if (runs[i].return_code !== undefined && runs[i].return_code !== null) return runs[i].return_code;
  }
  return '—';
}

function processRow(view, name) {
  const runs = (view.processes || {})[name] || [];
  const last = lastRun(view, name);
  const used = last && last.state === 'RUNNING' ? (view.resources || {})[name] : null;
  const run = runs.length - 1;
  return el('tr', { 'data-process': name },
    el('td', { class: 'id' }, el('a', { href: urls.process(taskId, name) }, name)),
    el('td', { class: 'state' }, badge(last ? last.state : 'not started'), stopBadge(last)),
    el('td', { class: 'health' }, (last && healthBadge(last.health)) || '—'),
    el('td', { class: 'num' }, runs.length),
    el('td', { class: 'num' }, lastExitCode(runs)),
    el('td', {}, last ? fmtTime(last.start_time) : '—'),
    el('td', { class: 'num' }, used ? fmtCpu(used.cpu) : '—'),
    el('td', { class: 'num' }, used ? fmtBytes(used.rss) : '—'),
    el('td', {}, run >= 0 ? [el('a', { href: urls.logs(taskId, name, run, 'stdout') }, 'stdout'), ' ',
      el('a', { href: urls.logs(taskId, name, run, 'stderr') }, 'stderr')] : '—'));
}

/** The runs stopped for a reason worth showing (timed out, unhealthy), under the timeline. */
function stoppedRuns(processes) {
  const items = [];
  for (const [name, runs] of Object.entries(processes || {})) {
    runs.forEach((r, i) => {
      if (stopLabel(r)) {
        items.push(el('li', { 'data-process': name, 'data-run': i }, `${name} run ${i}: `, stopBadge(r)));
      }
    });
  }
  return items.length ? el('ul', { class: 'stopped-runs' }, items) : null;
}

function meta(view) {
  const h = view.header || {};
  const statuses = view.statuses || [];
  const runner = !view.active ? 'finished'
    : view.runner === 'alive' ? `alive (pid ${view.runner_pid})` : (view.runner || 'unknown');
  const rows = [
    ['User', h.user || '—'],
    ['Host', h.hostname || '—'],
    ['Launched', h.launch_time_ms ? fmtTime(h.launch_time_ms / 1000) : '—'],
    ['State since', statuses.length ? fmtTime(statuses[statuses.length - 1].timestamp_ms / 1000) : '—'],
    ['Runner', runner],
    ['Sandbox', h.sandbox ? [el('span', { class: 'mono' }, h.sandbox), ' ', el('a', { href: urls.browse(taskId) }, 'browse')] : '—'],
    ['Disk', view.disk ? fmtBytes(view.disk.bytes) : '—'],
    ['Ports', portLinks(h.ports)],
  ];
  return el('dl', { class: 'meta' }, rows.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function skeleton() {
  parts.title = el('h1', {});
  parts.meta = el('div', { class: 'card' });
  parts.processes = el('div', { class: 'card' });
  parts.dag = el('div', { class: 'card', id: 'dag' });
  parts.timeline = el('div', { class: 'card', id: 'timeline' });
  parts.cpu = el('div', { class: 'chart', id: 'cpu-chart' });
  parts.rss = el('div', { class: 'chart', id: 'rss-chart' });
  const reload = el('button', { type: 'button', onclick: () => loadHistory() }, 'reload');
  parts.window = el('select', { id: 'window', onchange: () => loadHistory() },
    WINDOWS.map(([label, seconds]) => el('option', { value: seconds }, label)));
  fill(main, parts.title, parts.meta,
    el('h2', {}, 'Processes'), parts.processes,
    el('h2', {}, 'Ordering'), parts.dag,
    el('h2', {}, 'Runs'), parts.timeline,
    el('h2', {}, 'Resources ', parts.window, ' ', reload), el('div', { class: 'card grid2' }, parts.cpu, parts.rss));
  parts.charts = new Charts(parts.cpu, parts.rss);
}

let view = null;
let history = null;

function render() {
  fill(parts.title, view.task_id, ' ', badge(view.state));
  fill(parts.meta, meta(view));
  const names = processNames(view);
  fill(parts.processes, names.length === 0 ? el('p', { class: 'note' }, 'No processes.')
    : el('table', { id: 'processes' },
      el('thead', {}, el('tr', {}, ['Process', 'State', 'Health', 'Runs', 'Last exit', 'Started', 'CPU', 'RSS', 'Logs']
        .map((h, i) => el('th', { class: i >= 3 && i <= 4 ? 'num' : (i >= 6 && i <= 7 ? 'num' : null) }, h)))),
      el('tbody', {}, names.map((n) => processRow(view, n)))));
  const states = new Map(names.map((n) => [n, (lastRun(view, n) || {}).state]));
  const finals = new Set(((view.task && view.task.processes) || []).filter((p) => p && p.final).map((p) => String(p.name)));
  fill(parts.dag, drawDag(view.task || {}, names, states, finals));
  fill(parts.timeline, drawTimeline(view.processes, endsFromHistory(history), Date.now() / 1000),
    stoppedRuns(view.processes));
}

async function loadTask() {
  const r = await getJson(urls.apiTask(taskId));
  if (r.status === 404) {
    notFound(`No task ${taskId}.`);
    return false;
  }
  if (!r.ok || !r.body) {
    fill(parts.processes, el('p', { class: 'error' }, `Could not load the task (HTTP ${r.status}).`));
    return true;
  }
  view = r.body;
  render();
  return true;
}

async function loadHistory() {
  const span = Number(parts.window.value);
  const r = await getJson(urls.apiHistory(taskId, span ? Date.now() / 1000 - span : 0));
  history = r.ok ? r.body : null;
  parts.charts.update(history);
  if (view) render();
}

async function refresh() {
  if (await loadTask()) await loadHistory();
}

crumbs(['Tasks', '/'], [taskId, null]);
skeleton();
refresh().then(() => {
  followEvents(coalesce(() => refresh(), 300), (t) => t.task_id === taskId);
});
