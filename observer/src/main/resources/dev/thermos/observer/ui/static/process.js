// One process: its configuration (from the task JSON) and every run, newest first.
import {
  badge, coalesce, crumbs, el, fill, fmtBytes, fmtCpu, fmtDuration, fmtTime, followEvents,
  getJson, notFound, pageParams, urls,
} from './common.js';

const [taskId, name] = pageParams();
const main = document.getElementById('main');

function config(task) {
  const p = ((task && task.processes) || []).find((q) => q && String(q.name) === name);
  if (!p) return el('p', { class: 'note' }, 'Not in the task configuration.');
  const flags = ['daemon', 'ephemeral', 'final'].filter((f) => p[f]).join(', ');
  return el('dl', { class: 'meta' },
    el('dt', {}, 'Command'), el('dd', {}, el('pre', { class: 'mono', id: 'cmdline' }, String(p.cmdline ?? ''))),
    el('dt', {}, 'Max failures'), el('dd', {}, p.max_failures ?? '—'),
    el('dt', {}, 'Min duration'), el('dd', {}, p.min_duration !== undefined ? `${p.min_duration}s` : '—'),
    el('dt', {}, 'Kind'), el('dd', {}, flags || 'regular'));
}

function runRow(r, i, used) {
  const end = r.stop_time;
  const duration = r.start_time && end ? fmtDuration(end - r.start_time) : '—';
  return el('tr', { 'data-run': i },
    el('td', { class: 'num' }, i),
    el('td', {}, badge(r.state)),
    el('td', { class: 'num' }, r.pid ?? '—'),
    el('td', {}, fmtTime(r.start_time)),
    el('td', {}, fmtTime(end)),
    el('td', { class: 'num' }, duration),
    el('td', { class: 'num' }, r.return_code ?? '—'),
    el('td', { class: 'num' }, used ? `${fmtCpu(used.cpu)} cores, ${fmtBytes(used.rss)}` : '—'),
    el('td', {}, el('a', { href: urls.logs(taskId, name, i, 'stdout') }, 'stdout'), ' ',
      el('a', { href: urls.logs(taskId, name, i, 'stderr') }, 'stderr')));
}

async function load() {
  const r = await getJson(urls.apiTask(taskId));
  if (r.status === 404) {
    notFound(`No task ${taskId}.`);
    return;
  }
  if (!r.ok || !r.body) {
    fill(main, el('p', { class: 'error' }, `Could not load the task (HTTP ${r.status}).`));
    return;
  }
  const view = r.body;
  const runs = (view.processes || {})[name] || [];
  const last = runs.length ? runs[runs.length - 1] : null;
  const used = last && last.state === 'RUNNING' ? (view.resources || {})[name] : null;
  const rows = runs.map((run, i) => runRow(run, i, i === runs.length - 1 ? used : null)).reverse();
  fill(main, el('h1', {}, name, ' ', badge(runs.length ? runs[runs.length - 1].state : 'not started')),
    el('p', { class: 'note' }, 'of task ', el('a', { href: urls.task(taskId) }, taskId)),
    el('div', { class: 'card' }, config(view.task)),
    el('h2', {}, `Runs (${runs.length})`),
    el('div', { class: 'card' }, rows.length === 0 ? el('p', { class: 'note' }, 'No run yet.')
      : el('table', { id: 'runs' }, el('thead', {}, el('tr', {}, ['Run', 'State', 'Pid', 'Started', 'Ended', 'Took', 'Exit', 'Now', 'Logs']
        .map((h) => el('th', {}, h)))), el('tbody', {}, rows))));
}

crumbs(['Tasks', '/'], [taskId, urls.task(taskId)], [name, null]);
load().then(() => followEvents(coalesce(load, 300), (t) => t.task_id === taskId && t.process === name));
