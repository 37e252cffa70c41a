// Every run of every process on one time axis: a bar from its start to its end (or to now while it
// runs), coloured by how it ended; hover a bar for its details.
import { svg, stateClass, fmtTime, fmtDuration, stopLabel, LIVE_RUN_STATES } from './common.js';

const WIDTH = 1000;
const LABEL_W = 170;
const ROW_H = 24;
const AXIS_H = 22;
const MAX_LABEL = 22;

/** End time of each terminal run from the history, "process/run" → seconds. */
export function endsFromHistory(history) {
  const ends = new Map();
  for (const t of (history && history.transitions) || []) {
    if (t.process !== undefined && t.run !== undefined && !LIVE_RUN_STATES.includes(t.state)) {
      ends.set(`${t.process}/${t.run}`, Number(t.timestamp));
    }
  }
  return ends;
}

function spans(processes, ends, now) {
  const rows = [];
  for (const [name, runs] of Object.entries(processes || {})) {
    const bars = [];
    runs.forEach((r, i) => {
      const start = r.start_time ?? r.fork_time;
      if (start === undefined || start === null) return;
      const live = LIVE_RUN_STATES.includes(r.state);
      let end = r.stop_time ?? ends.get(`${name}/${i}`);
      if (end === undefined || end === null) {
        const next = runs[i + 1];
        end = live ? now : ((next && (next.fork_time ?? next.start_time)) ?? start);
      }
      bars.push({ run: i, state: r.state, start: Number(start), end: Math.max(Number(end), Number(start)), rc: r.return_code, live, stop: stopLabel(r) });
    });
    rows.push({ name, bars });
  }
  return rows;
}

function ticks(t0, t1) {
  const out = [];
  const n = 5;
  for (let i = 0; i <= n; i += 1) out.push(t0 + ((t1 - t0) * i) / n);
  return out;
}

/** The timeline of processes ({name: [run...]} as in read --json). */
export function drawTimeline(processes, ends, nowSeconds) {
  const rows = spans(processes, ends, nowSeconds);
  const all = rows.flatMap((r) => r.bars);
  const t0 = all.length ? Math.min(...all.map((b) => b.start)) : nowSeconds;
  const t1 = Math.max(t0 + 1, ...all.map((b) => b.end));
  const scale = (t) => LABEL_W + ((t - t0) / (t1 - t0)) * (WIDTH - LABEL_W - 10);
  const height = AXIS_H + rows.length * ROW_H + 6;
  const all_ = ticks(t0, t1);
  const anchor = (i) => (i === 0 ? 'start' : i === all_.length - 1 ? 'end' : 'middle');
  const axis = all_.map((t, i) => svg('text', { class: 'tick', x: scale(t), y: 14, 'text-anchor': anchor(i) }, fmtTime(t).slice(11)));
  const lines = rows.map((row, i) => {
    const y = AXIS_H + i * ROW_H;
    const name = row.name.length > MAX_LABEL ? `${row.name.slice(0, MAX_LABEL - 1)}…` : row.name;
    return svg('g', { class: 'row', 'data-process': row.name },
      svg('line', { class: 'axis', x1: LABEL_W, x2: WIDTH - 10, y1: y + ROW_H / 2, y2: y + ROW_H / 2 }),
      svg('text', { x: 4, y: y + ROW_H / 2 + 4 }, svg('title', {}, row.name), name),
      row.bars.map((b) => svg('rect', {
        class: `run ${stateClass(b.state)}${b.stop ? ' stopped' : ''}`, x: scale(b.start), y: y + 4,
        width: Math.max(2, scale(b.end) - scale(b.start)), height: ROW_H - 8, rx: 3,
        'data-run': b.run, 'data-state': b.state,
      }, svg('title', {}, `${row.name} run ${b.run}: ${b.state}`
          + `${b.rc !== undefined && b.rc !== null ? ` (exit ${b.rc})` : ''}${b.stop ? `, ${b.stop}` : ''}\n`
          + `${fmtTime(b.start)} → ${b.live ? 'now' : fmtTime(b.end)} (${fmtDuration(b.end - b.start)})`))));
  });
  return svg('svg', { class: 'timeline', width: '100%', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': 'run timeline' },
    axis, lines);
}
