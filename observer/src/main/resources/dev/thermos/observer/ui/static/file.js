// A file of a task's sandbox: its first bytes as text, from /filedata, and a download link.
import {
  crumbs, el, fill, getJson, unescapeChunk, notFound, pageParams, urls,
} from './common.js';

const [taskId, ...rest] = pageParams();
const path = rest.filter((p) => p !== '').join('/');
const CHUNK = 256 * 1024;
const MAX_BYTES = 2 * 1024 * 1024;
const main = document.getElementById('main');


async function load() {
  const text = el('pre', { class: 'log', id: 'file' });
  let offset = 0;
  for (;;) {
    const r = await getJson(urls.filedata(taskId, path, offset, CHUNK));
    if (!r.ok || !r.body || (offset === 0 && r.body.offset === undefined)) {
      notFound(`No file ${path} in the sandbox of ${taskId}.`);
      return;
    }
    const n = Number(r.body.length) || 0;
    if (n > 0) text.appendChild(document.createTextNode(unescapeChunk(r.body.data)));
    offset += n;
    if (n === 0 || offset >= MAX_BYTES) break;
  }
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  fill(main, el('h1', {}, path),
    el('p', { class: 'note' }, 'in the sandbox of ', el('a', { href: urls.task(taskId) }, taskId), ' · ',
      el('a', { href: urls.browse(taskId, dir) }, 'directory'), ' · ', el('a', { href: urls.download(taskId, path) }, 'download'),
      offset >= MAX_BYTES ? ` · only the first ${MAX_BYTES} bytes are shown` : ''),
    text);
}

crumbs(['Tasks', '/'], [taskId, urls.task(taskId)], ['sandbox', urls.browse(taskId)], [path, null]);
load();
