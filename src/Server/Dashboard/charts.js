// Hand-written charts for the dashboard: SVG sparklines and the canvas latency timeline.

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** Draws values into an SVG (viewBox 0 0 100 H) as a line with a faint area, and a dashed threshold line. */
export function sparkline(svg, values, threshold) {
  if (!svg) return;
  const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
  while (svg.firstChild) svg.firstChild.remove();
  if (!values.length) return;
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (typeof threshold === 'number') { min = Math.min(min, threshold); max = Math.max(max, threshold); }
  if (max === min) { max += 1; min -= 1; }
  const pad = 2;
  const x = (i) => values.length === 1 ? width : (i / (values.length - 1)) * width;
  const y = (v) => height - pad - ((v - min) / (max - min)) * (height - pad * 2);
  const points = values.map((v, i) => `${x(i).toFixed(2)},${y(v).toFixed(2)}`).join(' ');
  const ns = 'http://www.w3.org/2000/svg';
  const area = document.createElementNS(ns, 'polygon');
  area.setAttribute('class', 'area');
  area.setAttribute('points', `0,${height} ${points} ${width},${height}`);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points);
  svg.append(area, line);
  if (typeof threshold === 'number') {
    const th = document.createElementNS(ns, 'line');
    th.setAttribute('class', 'th');
    th.setAttribute('x1', '0'); th.setAttribute('x2', String(width));
    th.setAttribute('y1', String(y(threshold))); th.setAttribute('y2', String(y(threshold)));
    svg.append(th);
  }
}

/**
 * Plots durations (ms) against time on a log scale: trails as larger dots (red when failed), sight point latencies
 * as small dots in their modality's colour. The canvas is sized for the device pixel ratio on every draw.
 */
export function drawTimeline(canvas, points, now, span) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (!width || !height) return;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const left = 44, right = 8, top = 8, bottom = 20;
  let min = Infinity, max = -Infinity;
  for (const p of points) if (p.v > 0) { if (p.v < min) min = p.v; if (p.v > max) max = p.v; }
  let lo = max > 0 ? Math.floor(Math.log10(Math.max(1e-3, min))) : -1;
  let hi = max > 0 ? Math.ceil(Math.log10(max)) : 2;
  if (hi <= lo) hi = lo + 1;
  const x = (t) => left + ((t - (now - span)) / span) * (width - left - right);
  const y = (v) => top + (1 - (Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * (height - top - bottom);
  g.font = '11px ui-monospace, Menlo, Consolas, monospace';
  g.fillStyle = css('--muted');
  g.strokeStyle = css('--line');
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let e = lo; e <= hi; e++) {
    const yy = Math.round(y(10 ** e)) + 0.5;
    g.beginPath(); g.moveTo(left, yy); g.lineTo(width - right, yy); g.stroke();
    const v = 10 ** e;
    g.fillText(v >= 1000 ? `${v / 1000}s` : v >= 1 ? `${v}ms` : `${v * 1000}µs`, left - 6, yy);
  }
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (let s = 0; s <= span / 1000; s += 30) {
    const xx = Math.round(x(now - s * 1000)) + 0.5;
    g.fillText(s === 0 ? 'now' : `-${s}s`, Math.min(Math.max(xx, left + 12), width - right - 12), height - bottom + 5);
  }
  const colors = { trail: css('--k-run'), error: css('--err') };
  const modality = new Map();
  for (const p of points) {
    if (p.kind !== 'observation') continue;
    if (!modality.has(p.modality)) modality.set(p.modality, css(`--m-${p.modality}`) || colors.trail);
    g.fillStyle = modality.get(p.modality);
    g.globalAlpha = 0.55;
    g.fillRect(x(p.t) - 1.5, y(p.v) - 1.5, 3, 3);
  }
  g.globalAlpha = 0.85;
  for (const p of points) {
    if (p.kind !== 'trail') continue;
    g.fillStyle = p.status === 'error' ? colors.error : colors.trail;
    g.beginPath(); g.arc(x(p.t), y(p.v), p.status === 'error' ? 3.5 : 2.5, 0, Math.PI * 2); g.fill();
  }
  g.globalAlpha = 1;
}
