// A log of one run: read in chunks from /logdata and, while the run is live, read again from the
// last offset (once a second when nothing new came) until the event stream says the run ended.
import {
  badge, crumbs, el, fill, followEvents, getJson, LIVE_RUN_STATES, unescapeChunk, notFound, pageParams, urls,
} from './common.js';

const [taskId, name, runText, logType] = pageParams();
const run = Number(runText);
const CHUNK = 64 * 1024;
const KEEP_BYTES = 2 * 1024 * 1024; // the page keeps the last 2 MiB of a log
const IDLE_MS = 1000;
const main = document.getElementById('main');
const log = el('pre', { class: 'log', id: 'log' });
const status = el('span', { id: 'log-status' });
let offset = 0;
let shownBytes = 0;
let live = true;
let wake = null;
let events = null;
const RECHECK_IDLES = 5; // without a working event stream, ask the run's state every 5 idle reads


function append(text, bytes) {
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  log.appendChild(document.createTextNode(text));
  shownBytes += bytes;
  while (shownBytes > KEEP_BYTES && log.firstChild && log.firstChild !== log.lastChild) {
    shownBytes -= new TextEncoder().encode(log.firstChild.nodeValue).length;
    log.removeChild(log.firstChild);
  }
  if (atBottom) log.scrollTop = log.scrollHeight;
}

async function runState() {
  const r = await getJson(urls.apiTask(taskId));
  if (r.status === 404) return null;
  const runs = ((r.body && r.body.processes) || {})[name] || [];
  if (run < runs.length) return runs[run].state;
  return r.body && r.body.active ? 'WAITING' : 'never ran';
}

function showState(state) {
  live = LIVE_RUN_STATES.includes(state);
  fill(status, badge(state), live ? ' following…' : ' run ended; the log is complete.');
  if (!live && wake) wake();
}

function idle() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, IDLE_MS);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

async function start() {
  const end = await getJson(urls.logdata(taskId, name, run, logType, -1, 0));
  const size = end.ok && end.body ? Number(end.body.offset) : NaN;
  if (Number.isFinite(size) && size > KEEP_BYTES) {
    offset = size - KEEP_BYTES;
    append(`[… the first ${offset} bytes are not shown]\n`, 0);
  }
}

async function pump() {
  for (let idles = 0; ; ) {
    const r = await getJson(urls.logdata(taskId, name, run, logType, offset, CHUNK));
    const n = r.ok && r.body ? Number(r.body.length) || 0 : 0;
    if (n > 0) {
      append(unescapeChunk(r.body.data), n);
      offset = Number(r.body.offset) + n;
    } else if (!live) {
      return;
    } else {
      await idle();
      idles += 1;
      if (idles % RECHECK_IDLES === 0 && (events === null || events.readyState !== EventSource.OPEN)) {
        showState(await runState());
      }
    }
  }
}

async function main_() {
  const state = await runState();
  if (state === null) {
    notFound(`No task ${taskId}.`);
    return;
  }
  fill(main, el('h1', {}, `${name} run ${run} ${logType}`),
    el('p', { class: 'note' }, 'of task ', el('a', { href: urls.task(taskId) }, taskId), ' · ',
      el('a', { href: urls.logs(taskId, name, run, logType === 'stdout' ? 'stderr' : 'stdout') },
        logType === 'stdout' ? 'stderr' : 'stdout'), ' · ', status),
    log);
  showState(state);
  events = followEvents(async () => showState(await runState()),
    (t) => t.task_id === taskId && (t.process === undefined || t.process === null || t.process === name));
  await start();
  await pump();
  fill(status, badge(await runState()), ' run ended; the log is complete.');
}

crumbs(['Tasks', '/'], [taskId, urls.task(taskId)], [name, urls.process(taskId, name)], [`run ${run} ${logType}`, null]);
main_();
