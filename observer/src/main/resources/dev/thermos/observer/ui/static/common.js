// Shared helpers of the observer's pages. Task data only ever enters the DOM as text nodes or as
// the value of an attribute this code names (never as HTML), and every URL is built from a fixed
// prefix and encodeURIComponent'ed parts.

const enc = encodeURIComponent;
const encPath = (path) => String(path).split('/').filter((p) => p !== '').map(enc).join('/');

/** Links to the pages and the API. */
export const urls = {
  index: () => '/',
  task: (id) => `/task/${enc(id)}`,
  process: (id, p) => `/process/${enc(id)}/${enc(p)}`,
  logs: (id, p, run, type) => `/logs/${enc(id)}/${enc(p)}/${Number(run)}/${enc(type)}`,
  browse: (id, path) => `/browse/${enc(id)}${path ? '/' + encPath(path) : ''}`,
  file: (id, path) => `/file/${enc(id)}/${encPath(path)}`,
  download: (id, path) => `/download/${enc(id)}/${encPath(path)}`,
  apiTasks: (state, offset, limit, q) =>
    `/api/v1/tasks?state=${enc(state)}&offset=${Number(offset)}&limit=${Number(limit)}&q=${enc(q)}`,
  apiTask: (id) => `/api/v1/tasks/${enc(id)}`,
  apiHistory: (id, fromSeconds) =>
    `/api/v1/tasks/${enc(id)}/history${fromSeconds ? `?from=${Number(fromSeconds)}` : ''}`,
  apiFiles: (id, path) => `/api/v1/tasks/${enc(id)}/files${path ? '/' + encPath(path) : ''}`,
  logdata: (id, p, run, type, offset, length) =>
    `/logdata/${enc(id)}/${enc(p)}/${Number(run)}/${enc(type)}?offset=${Number(offset)}&length=${Number(length)}`,
  filedata: (id, path, offset, length) =>
    `/filedata/${enc(id)}/${encPath(path)}?offset=${Number(offset)}&length=${Number(length)}`,
};

/** Only same-origin absolute paths and http(s) URLs may become an href. */
function safeHref(url) {
  const s = String(url);
  if ((s.startsWith('/') && !s.startsWith('//')) || /^https?:\/\/[^\s]+$/.test(s)) {
    return s;
  }
  return '#';
}

function appendAll(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'href') node.setAttribute('href', safeHref(v));
    else node.setAttribute(k, String(v));
  }
  return node;
}

/** An HTML element: attrs by name (fixed by the caller), children as nodes or text. */
export function el(tag, attrs, ...children) {
  return appendAll(setAttrs(document.createElement(tag), attrs), children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element, as {@link el}. */
export function svg(tag, attrs, ...children) {
  return appendAll(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** Replaces the children of node. */
export function fill(node, ...children) {
  node.replaceChildren();
  return appendAll(node, children);
}

export async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    return { ok: false, status: 0, body: null };
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return { ok: response.ok, status: response.status, body };
}

const PROCESS_STATES = ['WAITING', 'FORKED', 'RUNNING', 'SUCCESS', 'FAILED', 'KILLED', 'LOST'];
const TASK_STATES = ['ACTIVE', 'CLEANING', 'FINALIZING', 'SUCCESS', 'FAILED', 'KILLED', 'LOST'];
export const LIVE_RUN_STATES = ['WAITING', 'FORKED', 'RUNNING'];

/** The CSS class of a state: one of ours, whatever the string says. */
export function stateClass(state) {
  const s = String(state || '').toUpperCase();
  return PROCESS_STATES.includes(s) || TASK_STATES.includes(s) ? `st-${s.toLowerCase()}` : 'st-unknown';
}

/** A coloured label: the state's colour, the state's name unless label says otherwise. */
export function badge(state, label = state) {
  return el('span', { class: `badge ${stateClass(state)}` }, label || '—');
}

/** How a run's stop reason (issue 10's stops.jsonl) reads; reasons not worth showing are absent. */
const STOP_LABELS = { timeout: 'timed out', unhealthy: 'unhealthy' };

/** "timed out" / "unhealthy" for a run stopped for that reason, else null. */
export function stopLabel(run) {
  return (run && Object.hasOwn(STOP_LABELS, run.stop_reason)) ? STOP_LABELS[run.stop_reason] : null;
}

/** A run's stop reason as a badge, or null. */
export function stopBadge(run) {
  const label = stopLabel(run);
  return label ? el('span', { class: 'badge stop', 'data-stop-reason': run.stop_reason }, label) : null;
}

/** A process's health (issue 10's health.json entry for its latest run) as a badge, or null. */
export function healthBadge(health) {
  if (!health || typeof health !== 'object') return null;
  const h = ['starting', 'healthy', 'unhealthy'].includes(health.health) ? health.health : 'unknown';
  const detail = [health.detail, health.failures ? `${health.failures} failed in a row` : null]
    .filter((x) => x !== undefined && x !== null && x !== '').join('; ');
  return el('span', { class: `badge health-${h}`, 'data-health': h, title: detail }, String(health.health ?? 'unknown'));
}

const pad = (n) => String(n).padStart(2, '0');

/** Seconds since the epoch as local "YYYY-MM-DD HH:MM:SS". */
export function fmtTime(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return '—';
  const d = new Date(Number(seconds) * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function fmtDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${pad(m)}m` : `${m}m${pad(s % 60)}s`;
}

export function fmtBytes(bytes) {
  if (bytes === null || bytes === undefined || !Number.isFinite(Number(bytes))) return '—';
  let b = Number(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i += 1;
  }
  return `${b.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function fmtCpu(cores) {
  return Number.isFinite(Number(cores)) && cores !== null ? Number(cores).toFixed(2) : '—';
}

/** Links to each port of a task on this host, named by the port's name. */
export function portLinks(ports) {
  const out = [];
  for (const [name, port] of Object.entries(ports || {})) {
    const n = Number(port);
    if (!Number.isInteger(n) || n <= 0 || n > 65535) continue;
    const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
    out.push(el('a', { href: `http://${host}:${n}/`, class: 'port', rel: 'noopener' }, `${name}:${n}`), ' ');
  }
  return out.length ? out : ['—'];
}

/** The decoded path segments of this page's URL, after the first (the page's name). */
export function pageParams() {
  return location.pathname.split('/').slice(2).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return s;
    }
  });
}

/** The navigation line at the top: pairs of [label, href] (href null for the current page). */
export function crumbs(...items) {
  const nav = document.getElementById('crumbs');
  fill(nav, items.map(([label, href]) => (href ? el('a', { href }, label) : el('span', {}, label))));
  document.title = `${items.map(([label]) => label).join(' / ')} · thermos observer`;
}

/**
 * Calls coalesced() at most once per delayMs however often the returned function is called: a
 * burst of events becomes one reload.
 */
export function coalesce(coalesced, delayMs = 250) {
  let timer = null;
  return () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      coalesced();
    }, delayMs);
  };
}

/**
 * Follows /api/v1/events: onTransition(t) for each transition that accept(t) takes, and
 * onTransition(null) whenever the stream (re)opens. The browser's EventSource reconnects by itself
 * and sends Last-Event-ID, so nothing is missed across a reconnection.
 */
export function followEvents(onTransition, accept = () => true) {
  const live = document.getElementById('live');
  let count = 0;
  const show = (on, text) => {
    live.className = `live ${on ? 'on' : 'off'}`;
    live.textContent = text;
  };
  if (typeof EventSource === 'undefined') {
    show(false, 'no event stream');
    return null;
  }
  const source = new EventSource('/api/v1/events');
  // What changed between the page's first read and the stream's start is read again on open.
  source.onopen = () => {
    show(true, `live · ${count} events`);
    onTransition(null);
  };
  source.onerror = () => show(false, 'reconnecting…');
  source.addEventListener('transition', (e) => {
    let t;
    try {
      t = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    count += 1;
    show(true, `live · ${count} events`);
    if (accept(t)) onTransition(t);
  });
  window.addEventListener('pagehide', () => source.close());
  // Back to a page from the browser's cache: its data and its stream are stale, start again.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) location.reload();
  });
  return source;
}

/** /logdata and /filedata escape &, < and > as Aurora's do; chunks go in as text, so undo that. */
export function unescapeChunk(data) {
  return String(data ?? '').replace(/&(lt|gt|amp);/g, (m, e) => ({ lt: '<', gt: '>', amp: '&' })[e]);
}

/** A "not found" page in place of main: what was asked for, as text. */
export function notFound(what) {
  fill(document.getElementById('main'), el('h1', {}, 'Not found'), el('p', { class: 'note' }, what),
    el('p', {}, el('a', { href: '/' }, 'All tasks')));
}
