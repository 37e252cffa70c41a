// CPU and memory of each process over time, from /api/v1/tasks/{id}/history, drawn with uPlot
// (served from its WebJar; global uPlot from uPlot.iife.min.js).
import { el, fill, fmtBytes } from './common.js';

const COLOURS = ['#2b7de9', '#2e9e55', '#d93a3a', '#e08a1e', '#8a6fd1', '#16a2b8', '#c9a227', '#7a4a2a'];

/** [xs, per-process values...] aligned on the union of the sample times. */
function columns(samples, field) {
  const names = [...new Set(samples.map((s) => String(s.process)))].sort();
  const xs = [...new Set(samples.map((s) => Number(s.timestamp)))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = names.map(() => xs.map(() => null));
  const index = new Map(names.map((n, i) => [n, i]));
  for (const s of samples) {
    const v = Number(s[field]);
    if (Number.isFinite(v)) ys[index.get(String(s.process))][at.get(Number(s.timestamp))] = v;
  }
  return { names, data: [xs, ...ys] };
}

function options(title, names, width, format) {
  return {
    title,
    width,
    height: 220,
    series: [{}, ...names.map((n, i) => ({
      label: n, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false,
      value: (u, v) => (v === null || v === undefined ? '—' : format(v)),
    }))],
    axes: [{}, { values: (u, vals) => vals.map(format), size: 84 }],
    scales: { y: { range: (u, min, max) => [0, Math.max(max || 0, format === fmtBytes ? 1024 : 0.1)] } },
  };
}

/** Charts are redrawn whole on each update: they are small and updates are coalesced. */
export class Charts {
  constructor(cpuNode, rssNode) {
    this.nodes = [cpuNode, rssNode];
    this.plots = [];
  }

  update(history) {
    const samples = (history && Array.isArray(history.samples)) ? history.samples : [];
    this.plots.forEach((p) => p.destroy());
    this.plots = [];
    if (typeof uPlot === 'undefined') {
      this.nodes.forEach((n) => fill(n, el('p', { class: 'error' }, 'uPlot did not load.')));
      return;
    }
    if (samples.length === 0) {
      this.nodes.forEach((n) => fill(n, el('p', { class: 'note' }, 'No resource samples yet.')));
      return;
    }
    const specs = [['CPU (cores)', 'cpu', (v) => Number(v).toFixed(2)], ['Memory (RSS)', 'rss', fmtBytes]];
    specs.forEach(([title, field, format], i) => {
      const node = this.nodes[i];
      fill(node);
      const { names, data } = columns(samples, field);
      const width = Math.max(280, (node.clientWidth || 500) - 24);
      // eslint-disable-next-line no-undef
      this.plots.push(new uPlot(options(title, names, width, format), data, node));
    });
  }
}
