// The jobs-per-second chart: two lines (succeeded, failed) over the last minutes, inline SVG.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Draws rates [{t, succeeded, failed}] into svg over the window ending now. */
export function drawRates(svg, rates, windowMs) {
  const W = 800, H = 180, L = 40, R = 8, T = 8, B = 20;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const end = rates.length ? rates[rates.length - 1].t : Date.now();
  const start = end - windowMs;
  const max = Math.max(1, ...rates.map((r) => Math.max(r.succeeded, r.failed)));
  const top = niceCeil(max);
  const x = (t) => L + ((t - start) / windowMs) * (W - L - R);
  const y = (v) => T + (1 - v / top) * (H - T - B);
  const parts = [];
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    parts.push(el('line', { class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    parts.push(el('text', { class: 'axis', x: L - 4, y: y(v) + 3, 'text-anchor': 'end' }, v >= 10 ? Math.round(v) : v.toFixed(1)));
  }
  for (let m = 0; m <= windowMs / 60000; m += 2) {
    parts.push(el('text', { class: 'axis', x: x(end - m * 60000), y: H - 4, 'text-anchor': 'middle' }, m ? `-${m} min` : 'now'));
  }
  for (const [key, color] of [['succeeded', '#1f9d55'], ['failed', '#d23f31']]) {
    const pts = rates.filter((r) => r.t >= start).map((r) => `${x(r.t).toFixed(1)},${y(r[key]).toFixed(1)}`);
    if (pts.length) {
      parts.push(el('polyline', { points: pts.join(' '), fill: 'none', stroke: color, 'stroke-width': 2, 'vector-effect': 'non-scaling-stroke', 'data-series': key }));
    }
  }
  svg.replaceChildren(...parts);
}

function niceCeil(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
