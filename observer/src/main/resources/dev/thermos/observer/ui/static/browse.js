// A directory of a task's sandbox, from /api/v1/tasks/{id}/files/{path}. Links are listed, never
// followed (the server refuses them).
import {
  crumbs, el, fill, fmtBytes, fmtTime, getJson, notFound, pageParams, urls,
} from './common.js';

const [taskId, ...rest] = pageParams();
const path = rest.filter((p) => p !== '').join('/');
const main = document.getElementById('main');

function entryLink(e) {
  const target = path ? `${path}/${e.name}` : e.name;
  if (e.type === 'directory') return el('a', { href: urls.browse(taskId, target) }, `${e.name}/`);
  if (e.type === 'file') return el('a', { href: urls.file(taskId, target) }, e.name);
  return el('span', { class: 'note' }, e.name, e.type === 'link' ? ' (link, not followed)' : ` (${e.type})`);
}

function trail() {
  const out = [el('a', { href: urls.browse(taskId) }, 'sandbox')];
  const parts = path ? path.split('/') : [];
  parts.forEach((p, i) => out.push(' / ', i === parts.length - 1 ? el('span', {}, p)
    : el('a', { href: urls.browse(taskId, parts.slice(0, i + 1).join('/')) }, p)));
  return out;
}

async function load() {
  const r = await getJson(urls.apiFiles(taskId, path));
  if (!r.ok || !r.body) {
    notFound(r.body && r.body.error ? `${taskId}: ${r.body.error}` : `No directory ${path} in the sandbox of ${taskId}.`);
    return;
  }
  const rows = r.body.entries.map((e) => el('tr', { 'data-name': e.name },
    el('td', { class: 'id' }, entryLink(e)),
    el('td', { class: 'num' }, e.type === 'file' ? fmtBytes(e.size) : ''),
    el('td', {}, fmtTime(e.mtime_ms / 1000)),
    el('td', {}, e.type === 'file' ? el('a', { href: urls.download(taskId, path ? `${path}/${e.name}` : e.name) }, 'download') : '')));
  fill(main, el('h1', {}, 'Sandbox of ', el('a', { href: urls.task(taskId) }, taskId)),
    el('p', {}, trail()),
    el('div', { class: 'card' }, rows.length === 0 ? el('p', { class: 'note' }, 'Empty.')
      : el('table', { id: 'files' }, el('thead', {}, el('tr', {}, ['Name', 'Size', 'Modified', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, rows))),
    r.body.truncated ? el('p', { class: 'note' }, 'Only the first entries are listed.') : null);
}

crumbs(['Tasks', '/'], [taskId, urls.task(taskId)], ['sandbox', urls.browse(taskId)], ...(path ? [[path, null]] : []));
load();
