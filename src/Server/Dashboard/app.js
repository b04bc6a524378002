// CodeSight live dashboard: speaks protocol v1 (docs/protocol.md) over /ws. No framework, no build step.
import { sparkline, drawTimeline } from './charts.js';

const $ = (id) => document.getElementById(id);
const MAX_ITEMS = 1500;       // stream entries kept in memory
const MAX_ROWS = 250;         // stream rows rendered
const MAX_TRAILS = 150;
const METRIC_POINTS = 120;    // values kept per metric chart
const TIMELINE_SPAN_MS = 120_000;
const MODALITIES = ['text_generation', 'code_execution', 'vision_processing', 'simulation', 'inference', 'planning', 'tool_calling'];

const state = {
  ws: null, authorized: false, token: null, paused: false, retry: 500, nextId: 1, pending: new Map(),
  items: [], seq: 0, trails: new Map(), listed: new Set(), selectedTrail: null, selectedProbe: null,
  points: [], sightEnabled: true, logRules: [], seen: new Map(), metrics: new Map(), modalities: new Map(),
  timeline: [], alerts: [], alertTotal: 0, probeErrors: 0, probesClosed: 0, history: { signals: [], observations: [], open: [] },
  stats: null, ledger: false, sightKey: '', dirty: new Set(), frame: 0, lastRender: 0, lastSlow: 0,
};

// ---- connection -------------------------------------------------------------------------------------------
function readToken() {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('codesight.token', fromUrl);
    // Keep the token out of the address bar, history and screenshots once it is stored for this tab.
    params.delete('token');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : '') + location.hash);
  }
  return fromUrl || sessionStorage.getItem('codesight.token');
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/ws` + (state.token ? `?token=${encodeURIComponent(state.token)}` : '');
  setConn('connecting');
  const ws = new WebSocket(url);
  state.ws = ws;
  ws.onopen = () => { state.retry = 500; setConn('open'); };
  ws.onmessage = (e) => {
    let m;
    try { m = JSON.parse(e.data); } catch { return; }
    handle(m, true);
  };
  ws.onclose = () => {
    setConn('closed');
    state.ws = null;
    setTimeout(connect, state.retry);
    state.retry = Math.min(5000, state.retry * 2);
  };
}

function send(message, what) {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) { toast('Not connected.', 'error'); return; }
  const id = String(state.nextId++);
  if (what) state.pending.set(id, what);
  state.ws.send(JSON.stringify({ ...message, id }));
}

function command(command, args, what) { send({ type: 'command', command, ...args }, what); }

function setConn(s) {
  const el = $('conn');
  el.dataset.state = s;
  el.textContent = s === 'open' ? 'live' : s === 'connecting' ? 'connecting' : 'reconnecting';
}

// ---- messages ---------------------------------------------------------------------------------------------
function handle(m, live) {
  switch (m.type) {
    case 'hello': return onHello(m);
    case 'backlog': for (const item of m.items) handle(item, false); return;
    case 'signal': return onSignal(m, live);
    case 'trail': return onTrail(m, live);
    case 'observation': return onObservation(m, live);
    case 'alert': return onAlert(m, live);
    case 'stats': return onStats(m);
    case 'sight': return onSight(m);
    case 'ack': return onAck(m);
    case 'error': return onError(m);
    case 'ledger': return onLedger(m);
    case 'verification': return onVerification(m);
    default: return undefined;
  }
}

function onHello(m) {
  document.body.dataset.connections = String(Number(document.body.dataset.connections ?? 0) + 1);
  // A (re)connection replays the backlog: start from a clean slate so nothing is counted twice.
  Object.assign(state, { items: [], trails: new Map(), seen: new Map(), metrics: new Map(), modalities: new Map(), timeline: [], alerts: [], alertTotal: 0, probeErrors: 0, probesClosed: 0 });
  $('metrics').replaceChildren();
  $('trail-list').replaceChildren();
  state.listed = new Set();
  state.renderedSeq = undefined;
  state.authorized = m.authorized;
  state.ledger = m.ledger;
  $('server-info').textContent = `${m.server.host} · pid ${m.server.pid} · protocol v${m.protocol}`;
  const auth = $('auth');
  auth.textContent = m.authorized ? 'commands enabled' : 'read-only';
  auth.className = 'pill ' + (m.authorized ? 'granted' : 'muted');
  auth.title = m.authorized ? 'This page holds the server token: commands and ingest are allowed.' : 'Open the URL the server printed (with ?token=) to change instrumentation.';
  $('ledger-panel').hidden = !m.ledger;
  if (m.ledger) send({ type: 'ledger', action: 'status' });
  markAll();
}

function pushItem(item, live) {
  item.seq = ++state.seq;
  item.fresh = live;
  item.search = `${item.name} ${item.target ?? ''} ${item.point ?? ''} ${item.detail}`.toLowerCase();
  state.items.push(item);
  if (state.items.length > MAX_ITEMS) state.items.splice(0, state.items.length - MAX_ITEMS);
  state.dirty.add('stream');
}

function onSignal(m, live) {
  if (m.phase !== 'close') return;
  const p = m.probe;
  state.probesClosed++;
  if (p.status === 'error') state.probeErrors++;
  const duration = p.endedAt - p.startedAt;
  pushItem({
    kind: 'probe', t: m.at, trailId: p.traceId, name: p.name, modality: null, point: null, status: p.status,
    col3: p.kind, detail: `${fmtMs(duration)} · ${p.status}${p.error ? ' · ' + p.error.message : ''}`,
  }, live);
  state.dirty.add('health');
}

function onTrail(m, live) {
  const probes = m.probes;
  const root = probes.find((p) => p.parentId === null) ?? probes[0];
  const failed = probes.some((p) => p.status === 'error');
  const trail = { id: m.trailId, probes, root, duration: root.endedAt - root.startedAt, status: failed ? 'error' : root.status, t: root.endedAt };
  state.trails.set(m.trailId, trail);
  if (state.trails.size > MAX_TRAILS) state.trails.delete(state.trails.keys().next().value);
  state.timeline.push({ t: root.endedAt, v: trail.duration, kind: 'trail', status: trail.status });
  pushItem({
    kind: 'trail', t: root.endedAt, trailId: m.trailId, name: root.name, modality: null, point: null, status: trail.status,
    col3: root.kind, detail: `${probes.length} probes · ${fmtMs(trail.duration)} · ${trail.status}`,
  }, live);
  state.dirty.add('trails').add('timeline');
}

function onObservation(m, live) {
  state.seen.set(m.sightPoint, (state.seen.get(m.sightPoint) ?? 0) + 1);
  state.modalities.set(m.modality, (state.modalities.get(m.modality) ?? 0) + 1);
  const metrics = Object.entries(m.metrics ?? {});
  for (const [name, value] of metrics) {
    if (value === null) continue;
    const key = `${m.sightPoint}.${name}`;
    let series = state.metrics.get(key);
    if (!series) state.metrics.set(key, series = { point: m.sightPoint, metric: name, modality: m.modality, values: [] });
    series.values.push([m.timestamp, value]);
    if (series.values.length > METRIC_POINTS) series.values.shift();
  }
  if (typeof m.metrics?.latency_ms === 'number') state.timeline.push({ t: m.timestamp, v: m.metrics.latency_ms, kind: 'observation', modality: m.modality });
  let detail;
  const p = m.payload;
  if (p?.type === 'log') detail = `[${p.level}] ${p.message}`;
  else if (p?.type === 'metric') detail = `${p.name} = ${fmtNum(p.value)}${p.unit ? ' ' + p.unit : ''}`;
  else if (p?.type === 'tensor') detail = `${p.dtype}[${p.shape.join('×')}] mean ${fmtNum(p.mean)} std ${fmtNum(p.std)}`;
  else if (p?.type === 'image') detail = `${p.mediaType} ${p.width ?? '?'}×${p.height ?? '?'} · ${p.bytes} bytes`;
  else detail = metrics.map(([k, v]) => `${k}=${fmtNum(v)}`).join('  ');
  const error = m.context && typeof m.context === 'object' ? m.context.error ?? m.context.exception : undefined;
  pushItem({
    kind: 'observation', t: m.timestamp, trailId: m.trailId ?? null, name: m.sightPoint, target: m.target, point: m.sightPoint,
    modality: m.modality, col3: m.modality, level: p?.type === 'log' ? p.level : undefined, status: error ? 'error' : undefined,
    detail: `${m.target} · ${detail}`,
  }, live);
  state.dirty.add('metrics').add('modalities').add('timeline').add('seen');
}

function onAlert(m, live) {
  state.alertTotal++;
  state.alerts.unshift(m);
  if (state.alerts.length > 100) state.alerts.pop();
  pushItem({
    kind: 'alert', t: m.timestamp, trailId: m.trailId ?? null, name: `${m.sightPoint}.${m.metric}`, point: m.sightPoint, modality: m.modality ?? null,
    col3: m.modality ?? '', status: 'error', detail: `${fmtNum(m.value)} > ${fmtNum(m.threshold)}${m.failClosed ? ' · fail-closed' : ''}`,
  }, live);
  state.dirty.add('alerts').add('health');
}

function onStats(m) {
  state.stats = m;
  const h = state.history;
  h.signals.push(m.rates.signals); h.observations.push(m.rates.observations); h.open.push(m.openTrails);
  for (const key of Object.keys(h)) if (h[key].length > 60) h[key].shift();
  state.dirty.add('health');
}

function onSight(m) {
  const key = JSON.stringify(m);
  if (key === state.sightKey) return;
  state.sightKey = key;
  state.points = m.points;
  state.sightEnabled = m.enabled;
  state.logRules = m.logRules;
  state.dirty.add('points').add('rules').add('filters');
}

function onAck(m) {
  const what = state.pending.get(m.id);
  state.pending.delete(m.id);
  if (m.request === 'auth') return;
  if (what) toast(what);
}

function onError(m) {
  state.pending.delete(m.id);
  toast(m.message, 'error');
}

function onLedger(m) {
  const rows = [
    ['File', m.path], ['Entries', m.size.toLocaleString()], ['Chain head', m.chainHead ?? '—'],
    ['Checkpoint size', m.checkpointSize?.toLocaleString() ?? '—'], ['Checkpoint root', m.checkpointRoot ?? '—'],
  ];
  $('ledger').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
}

function onVerification(m) {
  const out = $('verify-result');
  out.dataset.valid = String(m.valid);
  out.textContent = m.valid
    ? `✓ Intact: ${m.entriesChecked.toLocaleString()} entries recomputed in ${m.elapsedMs} ms.`
    : `✗ ${m.problem}`;
  $('verify').disabled = !state.authorized;
}

// ---- rendering --------------------------------------------------------------------------------------------
function hovered(id) { return $(id).matches(':hover'); }

function markAll() { for (const part of ['seen', 'stream', 'trails', 'timeline', 'metrics', 'modalities', 'points', 'rules', 'alerts', 'health', 'filters']) state.dirty.add(part); }

function loop(now) {
  requestAnimationFrame(loop);
  if (now - state.lastRender < 250 || state.dirty.size === 0) return;
  state.lastRender = now;
  const dirty = state.dirty;
  state.dirty = new Set();
  if (dirty.has('health')) renderHealth();
  if (dirty.has('filters')) renderFilterOptions();
  if (dirty.has('points')) renderPoints();
  if (dirty.has('rules')) renderRules();
  if (dirty.has('seen')) renderSeen();
  if (state.paused) { for (const d of dirty) if (!['health', 'points', 'rules', 'filters', 'seen'].includes(d)) state.dirty.add(d); return; }
  // A list under the pointer holds still (new entries wait), so what the user is about to click does not move.
  if (dirty.has('stream')) { if (hovered('stream')) state.dirty.add('stream'); else renderStream(); }
  if (dirty.has('trails')) { if (hovered('trail-list')) state.dirty.add('trails'); else renderTrails(); }
  if (dirty.has('metrics') && now - state.lastSlow < 1000) { state.dirty.add('metrics'); dirty.delete('metrics'); }
  if (dirty.has('modalities') && now - state.lastSlow < 1000) { state.dirty.add('modalities'); dirty.delete('modalities'); }
  if (dirty.has('metrics') || dirty.has('modalities')) state.lastSlow = now;
  if (dirty.has('timeline')) renderTimeline();
  if (dirty.has('modalities')) renderModalities();
  if (dirty.has('metrics')) renderMetrics();
  if (dirty.has('alerts')) renderAlerts();
}

const filters = { text: '', modality: '', point: '', kinds: new Set(['observation', 'trail', 'alert']), trail: null };

function passes(item) {
  if (!filters.kinds.has(item.kind)) return false;
  if (filters.modality && item.modality !== filters.modality) return false;
  if (filters.point && item.point !== filters.point) return false;
  if (filters.trail && item.trailId !== filters.trail) return false;
  return !filters.text || item.search.includes(filters.text);
}

function streamRow(item) {
  const row = el('div', { class: 'row' + (item.fresh ? ' fresh' : ''), 'data-kind': item.kind, 'data-seq': item.seq });
  item.fresh = false;
  if (item.modality) row.dataset.modality = item.modality;
  if (item.point) row.dataset.point = item.point;
  if (item.status) row.dataset.status = item.status;
  if (item.level) row.dataset.level = item.level;
  if (item.trailId) row.dataset.trail = item.trailId;
  const badge = item.kind === 'probe' && item.status === 'error' ? 'error' : item.kind;
  const mod = el('span', { class: 'mcol' + (item.modality ? ' mod' : '') }, item.col3 ?? '');
  if (item.modality) mod.style.setProperty('--c', `var(--m-${item.modality})`);
  row.append(
    el('span', { class: 't' }, fmtTime(item.t)),
    el('span', {}, el('span', { class: 'badge ' + badge }, item.kind === 'observation' ? 'obs' : badge)),
    mod,
    el('span', { class: 'name', title: item.name }, item.name),
    el('span', { class: 'detail', title: item.detail }, item.detail),
  );
  return row;
}

// Rows are added at the top as items arrive and trimmed at the bottom; the list is rebuilt only when a filter
// changes or a connection starts over, so the rows under the pointer stay put.
function renderStream(rebuild) {
  const box = $('stream');
  if (rebuild || state.renderedSeq === undefined) {
    state.renderedSeq = 0;
    box.replaceChildren();
  }
  const fresh = [];
  for (let i = state.items.length - 1; i >= 0 && fresh.length < MAX_ROWS; i--) {
    const item = state.items[i];
    if (item.seq <= state.renderedSeq) break;
    if (passes(item)) fresh.push(item);
  }
  // Highlighting a flood of rows costs more than it tells; only a trickle is animated.
  const animate = fresh.length <= 20;
  const rows = fresh.map((item) => { item.fresh &&= animate; return streamRow(item); });
  if (state.items.length) state.renderedSeq = state.items[state.items.length - 1].seq;
  box.querySelector('.empty')?.remove();
  if (rows.length) box.prepend(...rows);
  while (box.childElementCount > MAX_ROWS) box.lastElementChild.remove();
  if (!box.childElementCount) box.append(el('div', { class: 'empty' }, state.items.length ? 'Nothing matches the filters.' : 'Waiting for data…'));
  const shown = box.querySelectorAll('.row').length;
  $('stream-count').textContent = `${shown} shown · ${state.items.length} kept`;
}

function renderFilterOptions() {
  const select = $('filter-point');
  const current = select.value;
  const names = state.points.map((p) => p.name);
  const existing = [...select.options].slice(1).map((o) => o.value);
  if (names.join() !== existing.join()) {
    select.replaceChildren(el('option', { value: '' }, 'All sight points'), ...names.map((n) => el('option', { value: n }, n)));
    select.value = names.includes(current) ? current : '';
  }
}

// New trails are added at the top and old ones removed; existing entries are never rebuilt (they may be under the pointer).
function renderTrails() {
  const list = $('trail-list');
  list.querySelector('.empty')?.remove();
  const fresh = [];
  for (const t of state.trails.values()) {
    // Listed once: a trail trimmed off the bottom must not come back at the top.
    if (state.listed.has(t.id)) continue;
    state.listed.add(t.id);
    const li = el('li', { 'data-trail': t.id, 'data-status': t.status, 'aria-selected': String(t.id === state.selectedTrail), title: t.id },
      el('span', { class: 'n' }, t.root.name), el('span', { class: 'd' }, fmtMs(t.duration)));
    fresh.unshift(li);
  }
  if (fresh.length) list.prepend(...fresh);
  for (const li of [...list.children]) if (!state.trails.has(li.dataset.trail)) li.remove();
  while (list.childElementCount > 100) list.lastElementChild.remove();
  if (state.listed.size > 4 * MAX_TRAILS) state.listed = new Set(state.trails.keys());
  if (!list.childElementCount) list.append(el('li', { class: 'empty' }, 'No completed trails yet.'));
  $('trail-count').textContent = `${state.trails.size} recent`;
  if (!state.selectedTrail && state.trails.size) selectTrail([...state.trails.keys()].pop(), true);
}

function selectTrail(id, quiet) {
  state.selectedTrail = id;
  state.selectedProbe = null;
  for (const li of $('trail-list').children) li.setAttribute('aria-selected', String(li.dataset.trail === id));
  renderWaterfall();
  if (!quiet) $('trails-title').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function renderWaterfall() {
  const trail = state.trails.get(state.selectedTrail);
  const box = $('waterfall');
  if (!trail) { box.replaceChildren(); return; }
  const start = Math.min(...trail.probes.map((p) => p.startedAt));
  const end = Math.max(...trail.probes.map((p) => p.endedAt ?? p.startedAt));
  const span = Math.max(end - start, 0.001);
  const filter = el('button', { type: 'button', class: 'ghost' }, 'Filter stream');
  filter.addEventListener('click', () => setTrailFilter(trail.id));
  $('waterfall-head').replaceChildren(
    el('span', {}, el('strong', {}, trail.root.name), ` · ${trail.probes.length} probes · ${fmtMs(trail.duration)}`),
    el('span', { class: 'id' }, trail.id.slice(0, 12) + '…'), filter);
  const children = new Map();
  for (const p of trail.probes) {
    const list = children.get(p.parentId) ?? [];
    list.push(p);
    children.set(p.parentId, list);
  }
  const ordered = [];
  const walk = (parent, depth) => {
    for (const p of (children.get(parent) ?? []).sort((a, b) => a.startedAt - b.startedAt)) { ordered.push([p, depth]); walk(p.id, depth + 1); }
  };
  walk(null, 0);
  if (ordered.length < trail.probes.length) for (const p of trail.probes) if (!ordered.some(([q]) => q === p)) ordered.push([p, 0]);
  box.replaceChildren(...ordered.map(([p, depth]) => {
    const left = ((p.startedAt - start) / span) * 100;
    const width = Math.max((((p.endedAt ?? end) - p.startedAt) / span) * 100, 0.4);
    const bar = el('div', { class: 'wf-bar', 'data-status': p.status, title: `${p.name}: ${fmtMs((p.endedAt ?? end) - p.startedAt)} (${p.status})` });
    bar.style.left = left + '%';
    bar.style.width = width + '%';
    bar.style.setProperty('--k', `var(--k-${p.kind})`);
    const dur = el('span', { class: 'wf-dur' }, fmtMs((p.endedAt ?? end) - p.startedAt));
    // Long bars carry their duration inside, at their right end; short ones just after it.
    if (left + width > 78 && width > 14) { dur.classList.add('inside'); dur.style.right = (100 - (left + width) + 0.8) + '%'; } else if (left + width > 78) { dur.style.right = (100 - left + 0.8) + '%'; } else { dur.style.left = (left + width + 1) + '%'; }
    const name = el('span', { class: 'wf-name', title: p.name }, p.name);
    name.style.paddingLeft = (depth * 14) + 'px';
    const row = el('div', { class: 'wf-row', 'data-probe': p.id, 'aria-selected': String(p.id === state.selectedProbe) }, name, el('div', { class: 'wf-track' }, bar, dur));
    row.addEventListener('click', () => { state.selectedProbe = p.id; renderWaterfall(); });
    return row;
  }));
  renderProbeDetail(trail);
}

function renderProbeDetail(trail) {
  const box = $('probe-detail');
  const p = trail.probes.find((q) => q.id === state.selectedProbe) ?? trail.probes.find((q) => q.status === 'error');
  if (!p) { box.hidden = true; return; }
  box.hidden = false;
  const parts = [el('h3', {}, `${p.name} · ${p.kind} · ${p.status}`),
    el('div', { class: 'hint' }, `probe ${p.id} · started ${fmtTime(p.startedAt)} · ${fmtMs((p.endedAt ?? p.startedAt) - p.startedAt)}`)];
  if (Object.keys(p.attributes ?? {}).length) parts.push(el('pre', {}, JSON.stringify(p.attributes, null, 2)));
  if (p.error) {
    parts.push(el('div', { class: 'fault' }, `${p.error.name ?? 'fault'}: ${p.error.message}`));
    if (p.error.stack) parts.push(el('pre', { class: 'fault' }, p.error.stack));
  }
  box.replaceChildren(...parts);
}

function renderTimeline() {
  const now = Date.now();
  state.timeline = state.timeline.filter((p) => p.t > now - TIMELINE_SPAN_MS);
  if (state.timeline.length > 6000) state.timeline.splice(0, state.timeline.length - 6000);
  drawTimeline($('timeline'), state.timeline, now, TIMELINE_SPAN_MS);
  const legend = $('timeline-legend');
  if (!legend.childElementCount) {
    legend.append(el('span', { class: 'dot' }), 'trail', el('span', { class: 'dot' }), 'failed trail', el('span', { class: 'dot' }), 'sight point latency');
    const colors = ['var(--k-run)', 'var(--err)', 'var(--m-planning)'];
    [...legend.querySelectorAll('.dot')].forEach((d, i) => { d.style.background = colors[i]; });
  }
}

function renderModalities() {
  const total = [...state.modalities.values()].reduce((a, b) => a + b, 0);
  $('modality-total').textContent = `${total.toLocaleString()} observations`;
  const max = Math.max(1, ...state.modalities.values());
  $('modalities').replaceChildren(...MODALITIES.map((m) => {
    const n = state.modalities.get(m) ?? 0;
    const fill = el('div', { class: 'fill' });
    fill.style.width = (n / max) * 100 + '%';
    const bar = el('div', { class: 'bar', 'data-modality': m }, el('span', { class: 'mod' }, m.replace('_', ' ')), el('div', { class: 'track' }, fill),
      el('span', { class: 'n' }, total ? `${n.toLocaleString()} · ${Math.round((n / total) * 100)}%` : '0'));
    bar.style.setProperty('--c', `var(--m-${m})`);
    return bar;
  }));
}

function renderMetrics() {
  const box = $('metrics');
  const keys = [...state.metrics.keys()].sort().slice(0, 24);
  for (const key of keys) {
    const series = state.metrics.get(key);
    let card = box.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (!card) {
      card = el('div', { class: 'metric', 'data-key': key },
        el('div', { class: 'mh', title: key }, key),
        el('div', { class: 'mrow' }, el('span', { class: 'mv' }), el('span', { class: 'stat' })),
        svgEl('svg', { viewBox: '0 0 100 36', preserveAspectRatio: 'none' }));
      card.style.setProperty('--c', `var(--m-${series.modality})`);
      const after = [...box.children].find((c) => c.dataset.key > key);
      box.insertBefore(card, after ?? null);
    }
    const values = series.values.map((v) => v[1]);
    const last = values[values.length - 1];
    const threshold = thresholdOf(series.point, series.metric);
    card.querySelector('.mv').textContent = fmtNum(last);
    const sorted = [...values].sort((a, b) => a - b);
    card.querySelector('.stat').textContent = `p50 ${fmtNum(sorted[Math.floor(sorted.length * 0.5)])} · max ${fmtNum(sorted[sorted.length - 1])}`;
    sparkline(card.querySelector('svg'), values, threshold);
  }
}

function thresholdOf(point, metric) {
  const p = state.points.find((q) => q.name === point);
  return p?.thresholds?.[metric]?.value;
}

function renderPoints() {
  const body = $('points');
  // Never rebuild under the user's cursor: a threshold being typed would be lost.
  if (body.contains(document.activeElement) && document.activeElement.tagName === 'INPUT' && document.activeElement.type !== 'checkbox') { state.dirty.add('points'); return; }
  $('sight-master').checked = state.sightEnabled;
  $('sight-master').disabled = !state.authorized;
  body.replaceChildren(...state.points.map((p) => {
    const toggle = el('input', { type: 'checkbox', class: 'toggle', 'aria-label': `Record ${p.name}` });
    toggle.checked = p.enabled;
    toggle.disabled = !state.authorized;
    toggle.addEventListener('change', () => command(toggle.checked ? 'enable_point' : 'disable_point', { point: p.name }, `${p.name} ${toggle.checked ? 'enabled' : 'disabled'}.`));
    const thresholds = el('div', { class: 'th-list' }, ...p.metrics.map((metric) => thresholdEditor(p, metric)));
    const mod = el('span', { class: p.modality ? 'mod' : 'manual' }, p.modality ? p.modality.replace('_', ' ') : 'manual');
    if (p.modality) mod.style.setProperty('--c', `var(--m-${p.modality})`);
    return el('tr', { 'data-point': p.name, 'data-enabled': String(p.enabled) },
      el('td', {}, el('strong', {}, p.name), p.target && p.target !== p.name ? el('div', { class: 'manual' }, p.target) : ''),
      el('td', {}, mod),
      el('td', { class: 'seen', 'data-seen': String(state.seen.get(p.name) ?? 0) }, (state.seen.get(p.name) ?? 0).toLocaleString()),
      el('td', {}, thresholds),
      el('td', {}, el('label', { class: 'switch' }, toggle, el('span'))));
  }));
}

function renderSeen() {
  for (const cell of $('points').querySelectorAll('td.seen')) {
    const n = state.seen.get(cell.parentElement.dataset.point) ?? 0;
    if (cell.dataset.seen === String(n)) continue;
    cell.dataset.seen = String(n);
    cell.textContent = n.toLocaleString();
  }
}

function thresholdEditor(point, metric) {
  const current = point.thresholds?.[metric];
  const input = el('input', { type: 'number', step: 'any', placeholder: current ? String(current.value) : 'limit', 'aria-label': `Threshold of ${point.name}.${metric}` });
  input.disabled = !state.authorized;
  const set = el('button', { type: 'button', title: 'Alert when a value goes above this' }, 'Set');
  set.disabled = !state.authorized;
  const apply = () => {
    if (input.value === '' || !Number.isFinite(Number(input.value))) { toast(`Type a number for ${point.name}.${metric}.`, 'error'); return; }
    command('set_threshold', { point: point.name, metric, value: Number(input.value) }, `Alert on ${point.name}.${metric} > ${input.value}.`);
    input.value = '';
    input.blur();
  };
  set.addEventListener('click', apply);
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') apply(); });
  const parts = [el('span', { class: 'm' }, metric), input, set];
  if (current) {
    const clear = el('button', { type: 'button', class: 'ghost', title: 'Remove the threshold' }, '×');
    clear.disabled = !state.authorized;
    clear.addEventListener('click', () => command('clear_threshold', { point: point.name, metric }, `Threshold on ${point.name}.${metric} removed.`));
    parts.push(el('span', { class: 'set' }, `> ${fmtNum(current.value)}`), clear);
  }
  return el('div', { class: 'th-item' }, ...parts);
}

function renderRules() {
  $('rule-count').textContent = state.logRules.length ? `(${state.logRules.length})` : '';
  $('rules').replaceChildren(...state.logRules.map((r) => {
    const remove = el('button', { type: 'button', class: 'ghost' }, 'remove');
    remove.disabled = !state.authorized;
    remove.addEventListener('click', () => command('remove_log_rule', { name: r.name }, `Rule ${r.name} removed.`));
    const cond = [r.target && `target ${r.target}`, r.contains && `contains "${r.contains}"`, r.level && `level ${r.level}`].filter(Boolean).join(', ') || 'every line';
    return el('li', {}, `${r.name}: ${r.action === 'drop' ? 'drop' : 'set level ' + r.newLevel} when ${cond}`, remove);
  }));
  for (const input of $('rule-form').elements) input.disabled = !state.authorized;
}

function renderAlerts() {
  $('alert-count').textContent = state.alertTotal ? `${state.alertTotal.toLocaleString()} total` : '';
  if (!state.alerts.length) return;
  $('alerts').replaceChildren(...state.alerts.slice(0, 60).map((a) =>
    el('li', {}, el('span', { class: 't' }, fmtTime(a.timestamp)), el('span', {}, `${a.sightPoint}.${a.metric}`),
      el('span', { class: 'v' }, `${fmtNum(a.value)} > ${fmtNum(a.threshold)}`))));
}

function renderHealth() {
  const s = state.stats;
  const set = (stat, value, alarm) => {
    const card = document.querySelector(`.card[data-stat="${stat}"]`);
    card.querySelector('.value').textContent = value;
    card.dataset.alarm = String(Boolean(alarm));
  };
  set('errors', state.probeErrors.toLocaleString(), false);
  $('error-rate').textContent = state.probesClosed ? `${((state.probeErrors / state.probesClosed) * 100).toFixed(1)}% of ${state.probesClosed.toLocaleString()} probes` : '';
  set('alerts', state.alertTotal.toLocaleString(), false);
  $('last-alert').textContent = state.alerts[0] ? `last: ${state.alerts[0].sightPoint}.${state.alerts[0].metric}` : '';
  if (!s) return;
  set('signals', fmtRate(s.rates.signals));
  set('observations', fmtRate(s.rates.observations));
  set('open', s.openTrails.toLocaleString());
  set('completed', s.engine.trailsCompleted.toLocaleString());
  $('sampled').textContent = `sampled out ${s.engine.trailsSampledOut.toLocaleString()} · abandoned ${s.engine.trailsAbandoned.toLocaleString()}`;
  const engineDrops = s.engine.signalsDroppedForSlowReaders + s.kernel.dropped;
  const drops = s.client.dropped + engineDrops;
  set('drops', drops.toLocaleString(), drops > 0);
  $('drop-detail').textContent = `this page ${s.client.dropped.toLocaleString()} · engine ${engineDrops.toLocaleString()} · all clients ${s.server.dropped.toLocaleString()}`;
  set('kernel', s.kernel.deadLetters.toLocaleString(), s.kernel.actorFailures > 0);
  $('kernel-detail').textContent = `failures ${s.kernel.actorFailures} · unhandled ${s.kernel.unhandled}`;
  renderSinks(s.sinks || []);
  for (const [stat, key] of [['signals', 'signals'], ['observations', 'observations'], ['open', 'open']]) {
    sparkline(document.querySelector(`.card[data-stat="${stat}"] .spark`), state.history[key]);
  }
}

function renderSinks(sinks) {
  if (!sinks.length) {
    $('sink-rows').replaceChildren(el('tr', { class: 'none' }, el('td', { colspan: '6' }, 'no sinks registered')));
    return;
  }
  $('sink-rows').replaceChildren(...sinks.map((k) =>
    el('tr', { 'data-sink': k.name, 'data-alarm': String(k.dropped > 0 || k.failures > 0) },
      el('td', {}, k.name), el('td', {}, k.kind), el('td', {}, k.written.toLocaleString()),
      el('td', { class: 'bad' }, k.dropped.toLocaleString()), el('td', { class: 'bad' }, k.failures.toLocaleString()),
      el('td', { class: 'error', title: k.lastError || '' }, k.lastError || '–'))));
}

// ---- controls ---------------------------------------------------------------------------------------------
function setTrailFilter(id) {
  filters.trail = id;
  const button = $('filter-trail');
  button.hidden = !id;
  button.textContent = id ? `trail ${id.slice(0, 8)}… ×` : '';
  renderStream(true);
}

function wire() {
  const select = $('filter-modality');
  for (const m of MODALITIES) select.append(el('option', { value: m }, m.replace('_', ' ')));
  $('filter-text').addEventListener('input', (e) => { filters.text = e.target.value.trim().toLowerCase(); renderStream(true); });
  select.addEventListener('change', (e) => { filters.modality = e.target.value; renderStream(true); });
  $('filter-point').addEventListener('change', (e) => { filters.point = e.target.value; renderStream(true); });
  $('filter-kinds').addEventListener('change', (e) => {
    if (e.target.checked) filters.kinds.add(e.target.value); else filters.kinds.delete(e.target.value);
    renderStream(true);
  });
  $('filter-trail').addEventListener('click', () => setTrailFilter(null));
  $('trail-list').addEventListener('click', (e) => {
    const li = e.target.closest('li[data-trail]');
    if (li) selectTrail(li.dataset.trail);
  });
  $('stream').addEventListener('click', (e) => {
    const row = e.target.closest('.row');
    if (!row?.dataset.trail) return;
    if (state.trails.has(row.dataset.trail)) selectTrail(row.dataset.trail); else setTrailFilter(row.dataset.trail);
  });
  $('pause').addEventListener('click', () => {
    state.paused = !state.paused;
    $('pause').textContent = state.paused ? 'Resume' : 'Pause';
    $('pause').setAttribute('aria-pressed', String(state.paused));
  });
  const themes = ['auto', 'dark', 'light'];
  const applyTheme = (t) => { document.documentElement.dataset.theme = t; $('theme').textContent = t[0].toUpperCase() + t.slice(1); state.dirty.add('timeline'); };
  applyTheme(localStorage.getItem('codesight.theme') ?? 'auto');
  $('theme').addEventListener('click', () => {
    const next = themes[(themes.indexOf(document.documentElement.dataset.theme) + 1) % themes.length];
    localStorage.setItem('codesight.theme', next);
    applyTheme(next);
  });
  matchMedia('(prefers-color-scheme: light)').addEventListener('change', () => state.dirty.add('timeline'));
  $('sight-master').addEventListener('change', (e) => command('set_sight', { enabled: e.target.checked }, `Sight ${e.target.checked ? 'on' : 'off'}.`));
  $('rule-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const args = { name: f.get('name'), action: f.get('action') };
    for (const k of ['newLevel', 'target', 'contains']) if (f.get(k)) args[k] = f.get(k);
    command('set_log_rule', args, `Log rule ${args.name} saved.`);
    e.target.reset();
  });
  $('verify').addEventListener('click', () => {
    $('verify').disabled = true;
    $('verify-result').textContent = 'Verifying…';
    delete $('verify-result').dataset.valid;
    send({ type: 'ledger', action: 'verify' });
  });
  setInterval(() => { if (state.ledger) send({ type: 'ledger', action: 'status' }); }, 5000);
  setInterval(() => state.dirty.add('timeline'), 1000);
  window.addEventListener('resize', () => state.dirty.add('timeline'));
}

// ---- small things -----------------------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c !== undefined && c !== null && c !== '') node.append(c);
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function fmtTime(ms) {
  const d = new Date(ms);
  return d.toLocaleTimeString([], { hour12: false }) + '.' + String(Math.floor(ms % 1000)).padStart(3, '0');
}

function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function fmtNum(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e6) return (v / 1e6).toFixed(1) + 'M';
  if (a >= 1e4) return (v / 1e3).toFixed(1) + 'k';
  if (Number.isInteger(v)) return String(v);
  return a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

function fmtRate(v) { return v >= 100 ? Math.round(v).toLocaleString() : v.toFixed(1); }

let toastTimer = 0;
function toast(text, kind) {
  const t = $('toast');
  t.textContent = text;
  t.dataset.kind = kind ?? 'info';
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, kind === 'error' ? 6000 : 2500);
}

state.token = readToken();
wire();
connect();
requestAnimationFrame(loop);
