// The ordering constraints of a task as an SVG drawing: one box per process, coloured by the state
// of its last run, an arrow for each "a before b" of constraints[].order. Layered left to right by
// the longest chain of predecessors; a cycle (refused by the runner) cannot loop the layout.
import { el, svg, stateClass } from './common.js';

const BOX_W = 150;
const BOX_H = 34;
const GAP_X = 60;
const GAP_Y = 16;
const MAX_LABEL = 20;

function edgesOf(task) {
  const edges = [];
  for (const c of (task && task.constraints) || []) {
    const order = Array.isArray(c && c.order) ? c.order.map(String) : [];
    for (let i = 1; i < order.length; i += 1) edges.push([order[i - 1], order[i]]);
  }
  return edges;
}

function layers(names, edges) {
  const layer = new Map(names.map((n) => [n, 0]));
  for (let round = 0; round < names.length; round += 1) {
    let moved = false;
    for (const [a, b] of edges) {
      if (layer.has(a) && layer.has(b) && layer.get(b) < layer.get(a) + 1 && layer.get(a) + 1 < names.length) {
        layer.set(b, layer.get(a) + 1);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return layer;
}

function label(name) {
  return name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
}

/**
 * The drawing: names = every process, states = name → state of its last run, finals = set of
 * names of final processes.
 */
export function drawDag(task, names, states, finals) {
  const edges = edgesOf(task).filter(([a, b]) => names.includes(a) && names.includes(b));
  const layer = layers(names, edges);
  const columns = [];
  for (const n of names) {
    const l = layer.get(n);
    (columns[l] = columns[l] || []).push(n);
  }
  const pos = new Map();
  columns.forEach((col, x) => col.forEach((n, y) => pos.set(n, {
    x: 10 + x * (BOX_W + GAP_X), y: 10 + y * (BOX_H + GAP_Y),
  })));
  const width = 20 + columns.length * (BOX_W + GAP_X) - GAP_X;
  const height = 20 + Math.max(1, ...columns.map((c) => c.length)) * (BOX_H + GAP_Y) - GAP_Y;
  const arrows = edges.map(([a, b]) => {
    const p = pos.get(a);
    const q = pos.get(b);
    const x1 = p.x + BOX_W;
    const y1 = p.y + BOX_H / 2;
    const x2 = q.x - 4;
    const y2 = q.y + BOX_H / 2;
    const mid = (x1 + x2) / 2;
    return svg('path', { class: 'edge', d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`, 'marker-end': 'url(#arrow)' });
  });
  const boxes = names.map((n) => {
    const p = pos.get(n);
    return svg('g', { class: `node${finals.has(n) ? ' final' : ''}`, 'data-process': n, transform: `translate(${p.x},${p.y})` },
      svg('title', {}, `${n}: ${states.get(n) || 'not started'}${finals.has(n) ? ' (final)' : ''}`),
      svg('rect', { class: stateClass(states.get(n) || 'none'), width: BOX_W, height: BOX_H, rx: 6 }),
      svg('text', { x: BOX_W / 2, y: BOX_H / 2 + 4, 'text-anchor': 'middle' }, label(n)));
  });
  const defs = svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#7d8796' })));
  const drawing = svg('svg', { class: 'dag', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'process ordering' },
    defs, arrows, boxes);
  const note = edges.length === 0
    ? el('p', { class: 'note' }, 'No ordering constraints: every process may start at once.')
    : null;
  return [drawing, note];
}
