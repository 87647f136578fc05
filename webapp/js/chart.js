// A hand-drawn SVG line chart over a sliding time window. The SVG stretches to
// its box and its strokes do not scale, so labels live in HTML around it.
import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 160;
const GAP_MS = 3500; // samples further apart than this are not joined (the feed was down)

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// The smallest 1, 2 or 5 times a power of ten at or above `value`.
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= value);
}

export function formatNumber(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  return value >= 100 || Number.isInteger(value) ? String(Math.round(value)) : value.toFixed(1);
}

// The path of one series: M/L commands, broken where samples are missing or far apart.
function linePath(samples, key, from, windowMs, max) {
  let d = '';
  let previous = null;
  for (const sample of samples) {
    const value = sample[key];
    if (sample.t < from || typeof value !== 'number') {
      previous = null;
      continue;
    }
    const x = ((sample.t - from) / windowMs) * W;
    const y = H - (Math.min(value, max) / max) * H;
    const joined = previous && sample.t - previous.t <= GAP_MS;
    d += `${joined ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    previous = sample;
  }
  return d;
}

export class LineChart {
  #spec;
  #paths;
  #values;
  #plot;
  #yMax;
  #xFrom;

  // spec: {title, series: [{key, label}], unit}
  constructor(container, spec) {
    this.#spec = spec;
    const figure = el('figure', 'chart');
    const legend = el('div', 'legend');
    this.#values = spec.series.map((series, i) => {
      const item = el('span', `key s${i}`, `${series.label} `);
      const value = el('strong', 'value', '–');
      item.append(value);
      legend.append(item);
      return value;
    });
    this.#plot = svg('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img' });
    for (const fraction of [0.25, 0.5, 0.75]) {
      this.#plot.append(svg('line', { class: 'grid', x1: 0, x2: W, y1: H * fraction, y2: H * fraction }));
    }
    this.#paths = spec.series.map((_, i) => {
      const path = svg('path', { class: `line s${i}`, 'vector-effect': 'non-scaling-stroke' });
      this.#plot.append(path);
      return path;
    });
    this.#yMax = el('span', 'y-max');
    const plot = el('div', 'plot');
    plot.append(this.#yMax, this.#plot);
    const axis = el('div', 'x-axis');
    this.#xFrom = el('span');
    axis.append(this.#xFrom, el('span', '', 'now'));
    figure.append(el('figcaption', '', spec.title), legend, plot, axis);
    container.append(figure);
  }

  draw(samples, windowMs, now) {
    const from = now - windowMs;
    const visible = samples.filter((s) => s.t >= from);
    const keys = this.#spec.series.map((s) => s.key);
    const max = niceMax(Math.max(0, ...visible.flatMap((s) => keys.map((k) => s[k]).filter(Number.isFinite))));
    keys.forEach((key, i) => this.#paths[i].setAttribute('d', linePath(visible, key, from, windowMs, max)));
    const latest = samples[samples.length - 1] ?? {};
    const unit = this.#spec.unit ? ` ${this.#spec.unit}` : '';
    keys.forEach((key, i) => { this.#values[i].textContent = formatNumber(latest[key]) + unit; });
    this.#yMax.textContent = formatNumber(max) + unit;
    this.#xFrom.textContent = `−${Math.round(windowMs / 60_000)} min`;
    const summary = this.#spec.series.map((s, i) => `${s.label} ${this.#values[i].textContent}`).join(', ');
    this.#plot.setAttribute('aria-label', `${this.#spec.title}, now: ${summary}`);
  }
}
