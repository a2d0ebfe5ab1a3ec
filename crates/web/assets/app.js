// Deterrence Lab explorer: controls → POST /api/ensemble/stream (progress, then the result) → fan
// charts and tables; POST /api/report downloads the HTML report of the current settings.
// Plain JavaScript, no build step; uPlot is loaded before this file. The world map's code
// (map.js with the vendored d3-geo, d3-array and topojson-client) and geometry load only when
// the map is opened.
//
// State lives in the address bar: every run pushes its settings as a query (levers by their
// initials, parameters that differ from the scenario's defaults as p.NAME, lenses, years, runs,
// seed), and picking a pair or moving the map's year pushes the view (pair=USA-RUS, map=1962),
// so back/forward restore earlier settings (rerunning them) and views (without a rerun), and a
// copied URL reproduces the numbers and the view. Charts export as PNG, SVG and CSV; every table
// exports as CSV.
'use strict';

// [name, label, permalink key, description] of every regime lever, from /api/scenarios (the
// server's one list); the permalink key is the initials of the name's words (norm_strength → ns).
let LEVERS = [];
// Every parameter of /api/params: {name, default, doc, source, group, unit, min, max}.
let PARAMS = [];
const CHARTS = [
  ['nuclear_armed_states', 'Nuclear-armed states', 'count'],
  ['warheads_total', 'Warheads, all states', 'count'],
  ['norm_strength', 'Norm strength', '0–1'],
  ['crises', 'Crises per year', 'count'],
];
// Intervals over fewer runs than this are not shown.
const MIN_N = 30;
const BLUE = '#1f5fa8';

const $ = (id) => document.getElementById(id);
let scenarios = [];
let lensNames = [];
// Parameter values of the chosen scenario under the chosen lenses (/api/defaults).
let defaults = {};
let lastResult = null;
let lastRequest = null;
let running = false;
let charts = [];

function fmt(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (typeof x === 'boolean') return x ? 'yes' : 'no';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 10) return x.toFixed(1);
  return String(Number(x.toPrecision(digits)));
}

function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

// ---- controls ----

function slider(parent, id, label, description) {
  const out = el('output', { id: id + '_out', for: id });
  const input = el('input', { id, name: id, type: 'range', min: 0, max: 1, step: 0.01, 'aria-describedby': id + '_help' });
  input.addEventListener('input', () => { out.textContent = input.value; });
  parent.appendChild(el('div', { class: 'param' }, [
    el('label', { for: id, id: id + '_label' }, [label + ' ', out]),
    input,
    el('span', { class: 'help', id: id + '_help', text: description + ' Range 0–1.' }),
  ]));
}

function setSlider(id, value) {
  $(id).value = value;
  $(id + '_out').textContent = $(id).value;
}

function paramInput(details, p) {
  const id = 'param_' + p.name;
  const max = p.max >= 1e9 ? '' : p.max;
  const min = p.min <= -1e9 ? '' : p.min;
  const range = `${min === '' ? 'any' : min} to ${max === '' ? 'no upper bound' : max}`;
  const input = el('input', { id, name: p.name, type: 'number', step: 'any', 'aria-describedby': id + '_help' });
  if (min !== '') input.min = min;
  if (max !== '') input.max = max;
  input.addEventListener('input', markChanged);
  const box = el('div', { class: 'param', 'data-search': `${p.name} ${p.doc} ${p.unit} ${p.group}`.toLowerCase() }, [
    el('label', { for: id, id: id + '_label', text: p.name.replace(/_/g, ' ') }),
    input,
    el('span', { class: 'help', id: id + '_help', text: `${p.doc} Unit: ${p.unit}. Range: ${range}. Source: ${p.source}.` }),
  ]);
  details.appendChild(box);
}

// The value of a parameter input as a number (NaN when empty or not a number).
const paramValue = (name) => ($('param_' + name).value === '' ? NaN : Number($('param_' + name).value));

// Parameters whose input differs from the scenario's value under the chosen lenses.
function changedParams() {
  const out = {};
  for (const p of PARAMS) {
    const v = paramValue(p.name);
    if (!Number.isNaN(v) && defaults[p.name] !== undefined && Math.abs(v - defaults[p.name]) > 1e-12) out[p.name] = v;
  }
  return out;
}

function markChanged() {
  for (const p of PARAMS) {
    const v = paramValue(p.name);
    $('param_' + p.name + '_label').classList.toggle('changed', !Number.isNaN(v) && Math.abs(v - defaults[p.name]) > 1e-12);
  }
  const s = currentScenario();
  for (const [key] of LEVERS) {
    $(key + '_label').classList.toggle('changed', !!s && Math.abs(Number($(key).value) - s.levers[key]) > 1e-9);
  }
}

function filterParams() {
  const words = $('param_search').value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const box of document.querySelectorAll('#paramset .param')) {
    const hit = words.every((w) => box.dataset.search.includes(w));
    box.hidden = !hit;
    if (hit) shown += 1;
  }
  for (const d of document.querySelectorAll('#paramset details.group')) {
    const any = d.querySelector('.param:not([hidden])');
    d.hidden = !any;
    if (words.length) d.open = !!any;
  }
  $('param_count').textContent = `${shown} of ${PARAMS.length} parameters` + (words.length ? ' match' : '');
}

const currentScenario = () => scenarios.find((x) => x.name === $('scenario').value);
const chosenLenses = () => lensNames.filter((l) => $('lens_' + l).checked);

// Loads the parameter values of the scenario under the chosen lenses; inputs the user left at
// the old defaults follow the new ones, changed inputs keep their values.
async function loadDefaults(keepChanged = true) {
  const kept = keepChanged ? changedParams() : {};
  const q = new URLSearchParams({ scenario: $('scenario').value, lenses: chosenLenses().join(',') });
  const resp = await fetch('/api/defaults?' + q);
  const body = await resp.json();
  if (!resp.ok) throw new Error(body.error || resp.statusText);
  defaults = body.parameters;
  for (const p of PARAMS) $('param_' + p.name).value = kept[p.name] ?? defaults[p.name];
  markChanged();
}

function applyScenarioDefaults(name) {
  const s = scenarios.find((x) => x.name === name);
  if (!s) return;
  $('years').value = Math.min(s.horizon, 100);
  for (const [key] of LEVERS) setSlider(key, s.levers[key]);
  for (const l of lensNames) $('lens_' + l).checked = s.lenses.includes(l);
  defaults = s.parameters;
  for (const p of PARAMS) $('param_' + p.name).value = defaults[p.name];
}

function settings() {
  const levers = {};
  for (const [key] of LEVERS) levers[key] = Number($(key).value);
  return {
    scenario: $('scenario').value,
    years: Number($('years').value),
    runs: Number($('runs').value),
    seed: Number($('seed').value),
    levers,
    parameters: changedParams(),
    lenses: chosenLenses(),
  };
}

// Every input of `req` that differs from the scenario's defaults, as readable phrases.
function differences(req) {
  const s = scenarios.find((x) => x.name === req.scenario);
  if (!s) return [];
  const out = [];
  if (req.years !== Math.min(s.horizon, 100)) out.push(`years ${req.years} (default ${Math.min(s.horizon, 100)})`);
  for (const [key, label] of LEVERS) {
    if (Math.abs(req.levers[key] - s.levers[key]) > 1e-9) out.push(`${label} ${fmt(req.levers[key])} (default ${fmt(s.levers[key])})`);
  }
  const own = [...s.lenses].sort().join(', ');
  const on = [...req.lenses].sort().join(', ');
  if (req.lenses.length && on !== own) out.push(`lenses ${on} (default ${own})`);
  for (const [name, v] of Object.entries(req.parameters)) {
    out.push(`${name.replace(/_/g, ' ')} ${fmt(v)} (default ${fmt(req.defaults?.[name] ?? defaults[name])})`);
  }
  return out;
}

function permalinkQuery(req) {
  const q = new URLSearchParams();
  q.set('scenario', req.scenario);
  q.set('years', req.years);
  q.set('runs', req.runs);
  q.set('seed', req.seed);
  for (const [key, , short] of LEVERS) q.set(short, req.levers[key]);
  q.set('lenses', req.lenses.join(','));
  for (const [name, v] of Object.entries(req.parameters)) q.set('p.' + name, v);
  return '?' + q.toString();
}

// The view beyond the run's settings: the pair picked in the pair view (null: the default
// pair) and the map's year (null: the map is closed), in the address bar as pair=USA-RUS and
// map=1962.
const view = { pair: null, year: null };

function readView(q) {
  view.pair = q.get('pair') ? q.get('pair').replace('-', '\u2013') : null;
  const year = Number(q.get('map'));
  view.year = q.has('map') && Number.isInteger(year) ? year : null;
}

// The settings' query followed by the view's.
function fullQuery(req) {
  const q = new URLSearchParams(permalinkQuery(req).slice(1));
  if (view.pair) q.set('pair', view.pair.replace('\u2013', '-'));
  if (view.year !== null) q.set('map', view.year);
  return '?' + q.toString();
}


function updatePermalink() {
  if (!$('scenario').value) return;
  $('permalink').href = location.pathname + fullQuery(settings());
}

// A view change (pair, map year) becomes a history entry, so back and forward return to it.
function pushView() {
  if (lastRequest) {
    const query = fullQuery(lastRequest);
    if (location.search !== query) history.pushState(null, '', location.pathname + query);
  }
  updatePermalink();
}

async function restoreFromQuery(q) {
  if (q.has('scenario') && scenarios.some((s) => s.name === q.get('scenario'))) {
    $('scenario').value = q.get('scenario');
  }
  applyScenarioDefaults($('scenario').value);
  for (const k of ['years', 'runs', 'seed']) if (q.has(k)) $(k).value = q.get(k);
  for (const [key, , short] of LEVERS) if (q.has(short)) setSlider(key, q.get(short));
  if (q.has('lenses')) {
    const on = q.get('lenses').split(',');
    for (const l of lensNames) $('lens_' + l).checked = on.includes(l);
  }
  await loadDefaults(false);
  // Older permalinks named two parameters by initials.
  const legacy = { pb: 'prudence_base', ah: 'accident_hazard' };
  for (const [short, name] of Object.entries(legacy)) if (q.has(short)) $('param_' + name).value = q.get(short);
  for (const [k, v] of q) if (k.startsWith('p.') && $('param_' + k.slice(2))) $('param_' + k.slice(2)).value = v;
  markChanged();
}

// ---- staleness ----

function markStale(message) {
  if (!lastResult) return;
  $('stale').hidden = false;
  $('stale').textContent = message;
  for (const id of ['current', 'previous', 'difference', 'dyad_view', 'map_view']) $(id).classList.add('is-stale');
}

function clearStale() {
  $('stale').hidden = true;
  $('stale').textContent = '';
  for (const id of ['current', 'previous', 'difference', 'dyad_view', 'map_view']) $(id).classList.remove('is-stale');
}

const STALE_INPUT = 'Out of date: the settings changed since these results were computed. Run the ensemble again to update them.';

// ---- exports ----

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const csvCell = (v) => {
  const s = v === null || v === undefined || Number.isNaN(v) ? '' : String(v);
  return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
};
const csv = (headers, rows) => [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function tools(label, items, attrs = {}) {
  return el('div', { class: 'tools', ...attrs }, items.map(([kind, fn]) => {
    const b = el('button', { type: 'button', 'data-export': kind, 'aria-label': `Download ${label} as ${kind}`, text: kind });
    b.addEventListener('click', fn);
    return b;
  }));
}

// An SVG fan chart of series `s` (x, and [label, values, kind] lines/bands) with title and
// description, axes and ticks: the same data the canvas shows, as a vector file.
function svgChart(title, unit, x, lines, range) {
  const W = 640, H = 320, L = 64, R = 16, T = 36, B = 44;
  const ys = lines.flatMap(([, v]) => v).filter((v) => v !== null && Number.isFinite(v));
  let [lo, hi] = range || [Math.min(0, ...ys), Math.max(...ys)];
  if (!(hi > lo)) hi = lo + 1;
  const x0 = x[0], x1 = x[x.length - 1] === x0 ? x0 + 1 : x[x.length - 1];
  const sx = (v) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const sy = (v) => H - B - ((v - lo) / (hi - lo)) * (H - T - B);
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const path = (v) => v.map((y, i) => `${i ? 'L' : 'M'}${sx(x[i]).toFixed(1)},${sy(y).toFixed(1)}`).join('');
  let body = '';
  for (let i = 0; i <= 4; i++) {
    const v = lo + (i / 4) * (hi - lo);
    body += `<line x1="${L}" x2="${W - R}" y1="${sy(v)}" y2="${sy(v)}" stroke="#e5e5e5"/>`;
    body += `<text x="${L - 6}" y="${sy(v) + 4}" text-anchor="end">${esc(fmt(v))}</text>`;
  }
  for (let i = 0; i <= 4; i++) {
    const v = Math.round(x0 + (i / 4) * (x1 - x0));
    body += `<text x="${sx(v)}" y="${H - B + 18}" text-anchor="middle">${v}</text>`;
  }
  const bands = lines.filter(([, , kind]) => kind === 'band');
  for (let i = 0; i + 1 < bands.length; i += 2) {
    const [a, b] = [bands[i][1], bands[i + 1][1]];
    const pts = a.map((y, j) => `${sx(x[j]).toFixed(1)},${sy(y).toFixed(1)}`).concat(b.map((y, j) => `${sx(x[j]).toFixed(1)},${sy(y).toFixed(1)}`).reverse());
    body += `<polygon points="${pts.join(' ')}" fill="${BLUE}" fill-opacity="0.18"/>`;
  }
  for (const [, v, kind, colour] of lines) if (kind === 'line') body += `<path d="${path(v)}" fill="none" stroke="${colour || BLUE}" stroke-width="2"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12" role="img">`
    + `<title>${esc(title)}</title><desc>${esc(`${title} (${unit}) by year, ${x0}–${x1}: ${lines.map(([l]) => l).join(', ')}.`)}</desc>`
    + `<rect width="${W}" height="${H}" fill="#fff"/><text x="${L}" y="20" font-size="14" font-weight="600">${esc(title)}</text>`
    + `<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#444"/><line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#444"/>`
    + body + `<text x="${(L + W - R) / 2}" y="${H - 8}" text-anchor="middle">year</text>`
    + `<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(unit)}</text></svg>`;
}

function pngOf(wrap, title) {
  const canvas = wrap.querySelector('canvas');
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height + 30;
  const g = out.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#1e1e1e';
  g.font = '600 16px sans-serif';
  g.fillText(title, 8, 20);
  g.drawImage(canvas, 0, 30);
  out.toBlob((b) => save(b, slug(title) + '.png'), 'image/png');
}

// ---- charts ----

function chartWidth(parent) {
  return Math.max(260, Math.min(640, (parent.clientWidth || 480) - 4));
}

const yearAxis = () => ({ label: 'year', incrs: [1, 2, 5, 10, 20, 25, 50], values: (u, vals) => vals.map((v) => String(v)) });
const valueAxis = (label) => ({ label, size: 60, values: (u, vals) => vals.map((v) => fmt(v)) });

let tipCount = 0;

// Hover and focus tooltips: `describe(i)` is the text for year index i. Hovering a chart shows
// it by the cursor; a chart focused with the keyboard shows it too, and the arrow keys (Home,
// End) step through the years. The tooltip is a live region, so screen readers read it.
function tooltips(opts, wrap, box, x, describe) {
  const tip = el('div', { class: 'tip', id: 'tip' + (++tipCount), role: 'status', hidden: '' });
  box.appendChild(tip);
  wrap.tabIndex = 0;
  wrap.setAttribute('aria-describedby', tip.id);
  wrap.setAttribute('aria-label', wrap.getAttribute('aria-label') + '; arrow keys step through the years');
  let idx = null;
  const show = (u) => {
    const i = u.cursor.idx;
    if (i === null || i === undefined) { tip.hidden = true; return; }
    idx = i;
    tip.textContent = describe(i);
    tip.hidden = false;
    const plotLeft = u.over.getBoundingClientRect().left - box.getBoundingClientRect().left;
    const at = plotLeft + u.valToPos(x[i], 'x') + 12;
    const room = box.clientWidth - tip.offsetWidth - 2;
    tip.style.left = `${Math.max(0, Math.min(at, room))}px`;
  };
  opts.hooks = { setCursor: [show] };
  const move = (u, i) => {
    idx = Math.max(0, Math.min(x.length - 1, i));
    u.setCursor({ left: u.valToPos(x[idx], 'x'), top: u.bbox.height / (2 * devicePixelRatio) });
  };
  return (u) => {
    wrap.addEventListener('focus', () => move(u, idx ?? x.length - 1));
    wrap.addEventListener('blur', () => { tip.hidden = true; });
    wrap.addEventListener('keydown', (e) => {
      const step = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 }[e.key];
      if (step) move(u, (idx ?? x.length - 1) + step);
      else if (e.key === 'Home') move(u, 0);
      else if (e.key === 'End') move(u, x.length - 1);
      else return;
      e.preventDefault();
    });
  };
}

// "year 2030: median 5 (50 % band 4–6, 90 % band 3–8)"
function fanText(x, f, unit) {
  return (i) => `${x[i]}: median ${fmt(f.q50[i])} ${unit} (50 % of runs ${fmt(f.q25[i])}–${fmt(f.q75[i])}, 90 % ${fmt(f.q05[i])}–${fmt(f.q95[i])})`;
}

// A chart block: heading, export buttons, and the uPlot chart with tooltips (`describe(i)`,
// the text for year index i; by default every line's value).
function chartBlock(parent, title, unit, x, series, lines, opts, stem, describe) {
  parent.appendChild(el('h3', { text: `${title} (${unit})` }));
  const wrap = el('div', { class: 'chart', role: 'img', 'aria-label': `${title}, ${unit}, by year` });
  const headers = ['year', ...lines.map(([l]) => l)];
  const rows = x.map((y, i) => [y, ...lines.map(([, v]) => v[i])]);
  parent.appendChild(tools(title, [
    ['PNG', () => pngOf(wrap, title)],
    ['SVG', () => save(new Blob([svgChart(title, unit, x, lines, opts.scales.y.range)], { type: 'image/svg+xml' }), `${stem}-${slug(title)}.svg`)],
    ['CSV', () => save(new Blob([csv(headers, rows)], { type: 'text/csv' }), `${stem}-${slug(title)}.csv`)],
  ], { 'data-chart': slug(title) }));
  const box = el('div', { class: 'chartbox' }, [wrap]);
  parent.appendChild(box);
  const text = describe || ((i) => `${x[i]}: ${lines.map(([l, v]) => `${l} ${fmt(v[i])}`).join(', ')}`);
  const attach = tooltips(opts, wrap, box, x, text);
  opts.width = chartWidth(parent);
  const u = new uPlot(opts, [x, ...series], wrap);
  attach(u);
  charts.push([u, parent]);
  return u;
}

function fanChart(parent, title, unit, years, f, range, stem) {
  const band = (a, b) => ({ series: [a, b], fill: 'rgba(31,95,168,0.16)' });
  const opts = {
    height: 200,
    scales: { x: { time: false }, y: range ? { range } : {} },
    axes: [yearAxis(), valueAxis(unit)],
    series: [
      { label: 'year', value: (u, v) => (v == null ? '–' : String(v)) },
      { label: '5 %', stroke: 'rgba(31,95,168,0.45)', value: (u, v) => fmt(v) },
      { label: '25 %', stroke: 'rgba(31,95,168,0.7)', value: (u, v) => fmt(v) },
      { label: 'median', stroke: BLUE, width: 2, value: (u, v) => fmt(v) },
      { label: '75 %', stroke: 'rgba(31,95,168,0.7)', value: (u, v) => fmt(v) },
      { label: '95 %', stroke: 'rgba(31,95,168,0.45)', value: (u, v) => fmt(v) },
    ],
    bands: [band(5, 1), band(4, 2)],
  };
  const series = [f.q05, f.q25, f.q50, f.q75, f.q95];
  const lines = [['5 %', f.q05, 'band'], ['95 %', f.q95, 'band'], ['25 %', f.q25, 'band'], ['75 %', f.q75, 'band'], ['median', f.q50, 'line']];
  return chartBlock(parent, title, unit, years, series, lines, opts, stem, fanText(years, f, unit));
}

function lineChart(parent, title, unit, years, ys, range, stem, colour = '#b2182b') {
  const opts = {
    height: 170,
    scales: { x: { time: false }, y: { range } },
    axes: [yearAxis(), valueAxis(unit)],
    series: [{ label: 'year', value: (u, v) => (v == null ? '–' : String(v)) }, { label: title, stroke: colour, width: 2, value: (u, v) => fmt(v) }],
  };
  return chartBlock(parent, title, unit, years, [ys], [[title, ys, 'line', colour]], opts, stem);
}

function table(headers, rows, id, caption, stem) {
  const t = el('table', id ? { id } : {});
  if (caption) t.appendChild(el('caption', { text: caption }));
  t.appendChild(el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))]));
  t.appendChild(el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', { text: typeof c === 'object' && c && c.text ? c.text : fmt(c) }))))));
  const raw = rows.map((r) => r.map((c) => (typeof c === 'object' && c && c.text ? c.raw : c)));
  const name = `${stem}-${slug(id || caption || 'table')}.csv`;
  return el('div', { class: 'table' }, [
    tools(caption || id, [['CSV', () => save(new Blob([csv(headers, raw)], { type: 'text/csv' }), name)]]),
    el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `${caption || id} (scrolls sideways)` }, [t]),
  ]);
}

// The y range each chart shares between the current and the previous result.
function sharedRanges(results) {
  const ranges = {};
  for (const [key] of CHARTS) {
    const all = results.flatMap((r) => [...r.fans[key].q05, ...r.fans[key].q95]).filter(Number.isFinite);
    let lo = Math.min(0, ...all), hi = Math.max(...all);
    if (!(hi > lo)) hi = lo + 1;
    ranges[key] = [lo, hi];
  }
  return ranges;
}

function intervalCell(m) {
  if (m.n < MIN_N) return { text: `too few runs (n = ${m.n} < ${MIN_N})`, raw: '' };
  return { text: `${fmt(m.lo)} to ${fmt(m.hi)}`, raw: `${m.lo};${m.hi}` };
}

function render(panel, res, label, ranges) {
  panel.innerHTML = '';
  const r = res.request;
  const stem = `deterrence-${r.scenario}-seed${r.seed}`;
  panel.appendChild(el('h2', { text: `${label}: ${r.scenario}, ${r.years} years, ${r.runs} runs, seed ${r.seed}` }));
  const diffs = res.differences || [];
  panel.appendChild(el('p', { class: 'diffs' }, [diffs.length
    ? `Changed from the scenario's defaults: ${diffs.join('; ')}.`
    : "All inputs at the scenario's defaults."]));
  if (res.posterior) {
    const p = res.posterior;
    panel.appendChild(el('p', { class: 'diffs posterior' }, [`Each run's ${p.names.join(', ')} drawn by weight from the posterior ${p.origin} (${p.particles} particles; FNV-1a ${p.hash}), as by every command given --posterior.`]));
  }
  panel.appendChild(el('h3', { text: 'Paradox measures: mean over runs and 95 % interval' }));
  const few = res.paradox.some((m) => m.n < MIN_N);
  panel.appendChild(table(['measure', 'mean', '95 % interval', 'n (runs with it defined)', 'runs without it'],
    res.paradox.map((m) => [m.label, m.mean, intervalCell(m), m.n, m.missing]),
    panel.id === 'current' ? 'paradox' : `paradox_${panel.id}`,
    `${res.interval}. n counts runs where the measure is defined: a rate over armed pairs is undefined in a run without two armed rivals.`, stem));
  if (few) panel.appendChild(el('p', { class: 'note few', text: `Intervals need at least ${MIN_N} runs with the measure defined; raise Runs for an interval.` }));
  for (const [key, title, unit] of CHARTS) fanChart(panel, title, unit, res.years, res.fans[key], ranges && ranges[key], stem);
  lineChart(panel, 'Runs with nuclear use so far', 'share of runs', res.years, res.nuclear_use_share, [0, 1], stem);
  const dy = res.dyads_final_year_first_run;
  const year = dy.length ? dy[0].year : res.years[res.years.length - 1];
  panel.appendChild(el('h3', { text: `Armed pairs in ${year}, run 1 only` }));
  panel.appendChild(table(
    ['pair', 'surviving 1', 'surviving 2', 'adequacy 1', 'adequacy 2', 'FSI', 'mutually vulnerable', 'crisis', 'war', 'nuclear use'],
    dy.map((d) => [`${d.iso3_1}–${d.iso3_2}`, d.surviving1, d.surviving2, d.adequacy1, d.adequacy2, d.fss_index,
      d.mutual_vulnerability, d.crisis, d.war, d.nuclear_use]),
    panel.id === 'current' ? 'dyads' : `dyads_${panel.id}`,
    'One run\u2019s final year; 1 and 2 are the pair\u2019s first and second state. See “What the measures mean” below.', stem));
}

// Current minus previous: the paradox means and the median of every series, year by year.
function renderDifference(cur, prev) {
  const panel = $('difference');
  panel.innerHTML = '';
  const stem = `deterrence-difference-seed${cur.request.seed}-vs-seed${prev.request.seed}`;
  panel.appendChild(el('h2', { text: 'Difference: current minus previous' }));
  panel.appendChild(table(['measure', 'current mean', 'previous mean', 'difference'],
    cur.paradox.map((m, i) => [m.label, m.mean, prev.paradox[i].mean, m.mean - prev.paradox[i].mean]),
    'difference_table', 'Means over runs; each mean has its own interval in its panel.', stem));
  const same = cur.years.length === prev.years.length && cur.years.every((y, i) => y === prev.years[i]);
  if (!same) {
    panel.appendChild(el('p', { class: 'note', text: 'The two results cover different years, so their series are not differenced.' }));
    return;
  }
  for (const [key, title, unit] of CHARTS) {
    const d = cur.fans[key].q50.map((v, i) => v - prev.fans[key].q50[i]);
    const lo = Math.min(0, ...d), hi = Math.max(0, ...d);
    lineChart(panel, `${title}: change in median`, unit, cur.years, d, hi > lo ? [lo, hi] : [-1, 1], stem, '#762a83');
  }
}

// ---- one pair over time ----

const PAIR_COLOURS = ['#1f5fa8', '#d55e00'];
const pairName = (d) => `${d.iso3_1}–${d.iso3_2}`;

// "too few runs" for the years in which fewer than MIN_N runs define a band's value.
function bandNote(label, b) {
  const few = b.n.filter((n) => n > 0 && n < MIN_N).length;
  const none = b.n.filter((n) => n === 0).length;
  const parts = [];
  if (few) parts.push(`${label}: too few runs for a 90 % band in ${few} year${few > 1 ? 's' : ''} (n < ${MIN_N}); the median alone is drawn`);
  if (none === b.n.length) parts.push(`${label}: not defined in any run and year`);
  else if (none) parts.push(`${label}: not defined in ${none} year${none > 1 ? 's' : ''} (undefined until the pair is armed)`);
  return parts;
}

// Tooltip text of band `b` at year index i.
function bandText(label, b, i) {
  if (b.n[i] === 0) return `${label} not defined`;
  const band = b.q05[i] === null ? `too few runs for a band (n = ${b.n[i]} < ${MIN_N})` : `90 % of runs ${fmt(b.q05[i])}–${fmt(b.q95[i])}, n = ${b.n[i]}`;
  return `${label} median ${fmt(b.q50[i])} (${band})`;
}

// A chart of one or two bands (median line, 90 % band) of a pair.
function pairBandChart(parent, title, unit, years, bands, range, stem) {
  const series = [{ label: 'year', value: (u, v) => (v == null ? '–' : String(v)) }];
  const data = [];
  const lines = [];
  const fills = [];
  bands.forEach(([label, b], k) => {
    const colour = PAIR_COLOURS[k];
    const base = data.length + 1;
    series.push({ label: `${label} 5 %`, stroke: colour + '66', value: (u, v) => fmt(v) });
    series.push({ label: `${label} median`, stroke: colour, width: 2, value: (u, v) => fmt(v) });
    series.push({ label: `${label} 95 %`, stroke: colour + '66', value: (u, v) => fmt(v) });
    data.push(b.q05, b.q50, b.q95);
    fills.push({ series: [base + 2, base], fill: colour + '29' });
    lines.push([`${label} 5 %`, b.q05, 'band'], [`${label} 95 %`, b.q95, 'band'], [`${label} median`, b.q50, 'line', colour]);
  });
  const opts = {
    height: 190,
    legend: { show: false },
    scales: { x: { time: false }, y: range ? { range } : {} },
    axes: [yearAxis(), valueAxis(unit)],
    series,
    bands: fills,
  };
  const describe = (i) => `${years[i]}: ` + bands.map(([label, b]) => bandText(label, b, i)).join('; ');
  chartBlock(parent, title, unit, years, data, lines, opts, stem, describe);
  parent.appendChild(el('ul', { class: 'legend' }, bands.map(([label], k) => el('li', {}, [
    el('span', { class: 'swatch', style: `background:${PAIR_COLOURS[k]}` }), `${label}: median (line) and 90 % of runs (shaded)`]))));
  const notes = bands.flatMap(([label, b]) => bandNote(label, b));
  if (notes.length) parent.appendChild(el('p', { class: 'note few', text: notes.join('. ') + '.' }));
}

function renderPair(box, res, d) {
  box.innerHTML = '';
  const stem = `deterrence-${res.request.scenario}-seed${res.request.seed}-${slug(pairName(d))}`;
  const [a, b] = [d.iso3_1, d.iso3_2];
  const top = (v) => Math.max(1, ...v.filter((x) => x !== null && Number.isFinite(x)));
  const adequacyTop = top([...d.adequacy1.q95, ...d.adequacy2.q95, ...d.adequacy1.q50, ...d.adequacy2.q50]);
  pairBandChart(box, `Second-strike adequacy, ${pairName(d)}`, 'adequacy', res.years,
    [[`${a} against ${b}`, d.adequacy1], [`${b} against ${a}`, d.adequacy2]], [0, adequacyTop], stem);
  pairBandChart(box, `First-strike stability index, ${pairName(d)}`, 'FSI, 0–1', res.years, [['FSI', d.fsi]], [0, 1], stem);
  lineChart(box, `Crisis in the pair, ${pairName(d)}`, 'share of runs', res.years, d.crisis_share, [0, 1], stem);
  pairBandChart(box, `Highest rung reached, ${pairName(d)}`, 'rung, 0–7', res.years, [['highest rung', d.max_rung]], [0, 7], stem);
  box.appendChild(el('p', { class: 'note', text: 'Rungs: 0 no crisis (or a dispute), 1 militarised crisis, 2 conventional clashes, 3 limited war, 4 major war, 5 nuclear alert or threat, 6 limited nuclear use, 7 general nuclear war. A crisis in a year counts its highest rung; runs without one count 0.' }));
}

function renderDyadView(res) {
  const view = $('dyad_view');
  const pairs = res.dyads || [];
  view.hidden = pairs.length === 0;
  if (!pairs.length) return;
  const select = $('dyad_pair');
  select.innerHTML = '';
  for (const d of pairs) select.appendChild(el('option', { value: pairName(d), text: pairName(d) }));
  select.value = chosenPair(res);
  charts = charts.filter(([, p]) => p.id !== 'dyad_charts');
  renderPair($('dyad_charts'), res, pairs.find((d) => pairName(d) === select.value));
}

// The pair the view asks for when `res` has it, else the pair armed on both sides in the most
// run-years.
function chosenPair(res) {
  const pairs = res.dyads || [];
  if (view.pair && pairs.some((d) => pairName(d) === view.pair)) return view.pair;
  const armedness = (d) => d.fsi.n.reduce((x, y) => x + y, 0);
  return pairName(pairs.reduce((m, d) => (armedness(d) > armedness(m) ? d : m), pairs[0]));
}

function drawChosenPair() {
  charts = charts.filter(([, p]) => p.id !== 'dyad_charts');
  renderPair($('dyad_charts'), lastResult, lastResult.dyads.find((d) => pairName(d) === $('dyad_pair').value));
}

// Shows the view of the address bar (pair, map year) on the result already on screen.
function applyView() {
  if (!lastResult) return;
  if ((lastResult.dyads || []).length) {
    const want = chosenPair(lastResult);
    if ($('dyad_pair').value !== want) {
      $('dyad_pair').value = want;
      drawChosenPair();
    }
  }
  const open = view.year !== null;
  if ($('map_view').open !== open) $('map_view').open = open;
  else if (open) showMap();
}

// ---- world map (its code and geometry load only when the map is opened) ----

let mapCode = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('could not load ' + src));
    document.head.appendChild(s);
  });
}

function loadMapCode() {
  if (!mapCode) {
    mapCode = (async () => {
      await Promise.all([loadScript('/assets/vendor/d3-array.min.js'), loadScript('/assets/vendor/topojson-client.min.js')]);
      await loadScript('/assets/vendor/d3-geo.min.js');
      await loadScript('/assets/map.js');
    })();
    mapCode.catch(() => { mapCode = null; });
  }
  return mapCode;
}

async function showMap() {
  if (!$('map_view').open || !lastResult) return;
  $('map_body').textContent = 'Loading the map…';
  try {
    await loadMapCode();
    await renderMap($('map_body'), lastResult, view.year, (year) => { view.year = year; pushView(); });
  } catch (e) {
    $('map_body').textContent = 'The map could not be drawn: ' + e.message;
  }
}

function renderAll() {
  charts = [];
  const compare = $('previous').dataset.on === '1' && lastResult && lastResult.previous;
  const ranges = compare ? sharedRanges([lastResult, lastResult.previous]) : null;
  render($('current'), lastResult, 'Current', ranges);
  if (compare) {
    render($('previous'), lastResult.previous, 'Previous', ranges);
    renderDifference(lastResult, lastResult.previous);
  } else {
    $('previous').innerHTML = '';
    $('difference').innerHTML = '';
  }
  renderDyadView(lastResult);
  $('map_view').hidden = false;
  // A map year outside this result's years moves to its last year.
  const years = lastResult.years;
  if (view.year !== null && !years.includes(view.year)) {
    view.year = years[years.length - 1];
    history.replaceState(null, '', location.pathname + fullQuery(lastRequest));
  }
  if ($('map_view').open !== (view.year !== null)) $('map_view').open = view.year !== null;
  else showMap();
  $('empty').hidden = true;
}

let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { for (const [u, parent] of charts) u.setSize({ width: chartWidth(parent), height: u.height }); }, 150);
});

// ---- running ----

function showProgress(done, total) {
  $('progress').max = total;
  $('progress').value = done;
  $('progress_text').textContent = `${done} / ${total} runs`;
}

// POST /api/ensemble/stream: newline-delimited JSON progress lines, then the result (or an error).
async function streamEnsemble(req) {
  showProgress(0, req.runs);
  const resp = await fetch('/api/ensemble/stream', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req),
  });
  if (!resp.ok) {
    const err = await resp.json().catch(() => ({}));
    throw new Error(err.error || resp.statusText);
  }
  const reader = resp.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const msg = JSON.parse(line);
      if (msg.progress !== undefined) showProgress(msg.progress, msg.total);
      else if (msg.result) return expandSeries(msg.result);
      else if (msg.error) throw new Error(msg.error);
    }
    if (done) throw new Error('the stream ended without a result');
  }
}

// The server rounds the series to a digit more than the page shows and sends a series whose
// years all hold one value as that value (web::ensemble::page_json); this makes every series an
// array of one value per year again.
function expandSeries(res) {
  const full = (v) => (Array.isArray(v) ? v : res.years.map(() => v));
  const band = (b) => { for (const k of Object.keys(b)) b[k] = full(b[k]); };
  Object.values(res.fans).forEach(band);
  res.nuclear_use_share = full(res.nuclear_use_share);
  for (const d of res.dyads || []) {
    for (const k of ['adequacy1', 'adequacy2', 'fsi', 'max_rung']) band(d[k]);
    d.crisis_share = full(d.crisis_share);
  }
  for (const s of res.states || []) for (const k of ['armed', 'pursuing', 'exploring']) s[k] = full(s[k]);
  return res;
}

function showError(e) {
  $('status').textContent = 'error: ' + e.message;
  $('status').className = 'error';
}

async function downloadReport() {
  // The settings of the result on screen (the report reruns them: same seed, same numbers).
  const body = lastRequest || settings();
  $('report').disabled = true;
  try {
    const resp = await fetch('/api/report', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!resp.ok) {
      const err = await resp.json().catch(() => ({}));
      throw new Error(err.error || resp.statusText);
    }
    save(await resp.blob(), 'deterrence-report.html');
  } catch (e) {
    showError(e);
  } finally {
    $('report').disabled = false;
  }
}

async function runEnsemble(push = true) {
  if (running) return;
  running = true;
  const req = settings();
  const diffs = differences(req);
  const query = fullQuery(req);
  updatePermalink();
  if (push && location.search !== query) history.pushState(null, '', location.pathname + query);
  $('run').disabled = true;
  const started = performance.now();
  const tick = () => { $('status').textContent = `running… ${((performance.now() - started) / 1000).toFixed(1)} s`; };
  tick();
  const timer = setInterval(tick, 200);
  try {
    const body = await streamEnsemble(req);
    body.differences = diffs;
    body.previous = $('compare').checked && lastResult ? { ...lastResult, previous: undefined } : null;
    $('previous').dataset.on = body.previous ? '1' : '0';
    lastResult = body;
    lastRequest = req;
    clearStale();
    renderAll();
    $('download').disabled = false;
    $('report').disabled = false;
    $('status').textContent = `done in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    $('status').className = '';
  } catch (e) {
    showError(e);
    markStale(`Out of date: the last run failed (${e.message}). The results below are from the settings before it.`);
  } finally {
    clearInterval(timer);
    $('run').disabled = false;
    running = false;
  }
}

function download() {
  if (!lastResult) return;
  const { previous, differences: _, ...result } = lastResult;
  save(new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' }),
    `deterrence-${lastResult.request.scenario}-seed${lastResult.request.seed}.json`);
}

function onInput(e) {
  if (e.target.id === 'param_search' || e.target.id === 'compare') return;
  markChanged();
  updatePermalink();
  markStale(STALE_INPUT);
}

async function init() {
  const [data, catalogue] = await Promise.all([
    fetch('/api/scenarios').then((r) => r.json()),
    fetch('/api/params').then((r) => r.json()),
  ]);
  scenarios = data.scenarios;
  lensNames = data.lenses;
  PARAMS = catalogue.parameters;
  $('min_n').textContent = MIN_N;
  for (const s of scenarios) $('scenario').appendChild(el('option', { value: s.name, text: s.title ? `${s.name} — ${s.title}` : s.name }));
  LEVERS = data.levers.map((l) => [l.name, l.label, l.name.split('_').map((w) => w[0]).join(''), l.description]);
  for (const [key, label, , description] of LEVERS) slider($('levers'), key, label, description);
  for (const l of lensNames) {
    const box = el('input', { id: 'lens_' + l, type: 'checkbox', value: l });
    box.addEventListener('change', () => loadDefaults().then(updatePermalink).catch(showError));
    $('lenses').appendChild(el('label', {}, [box, ' ' + l.replace(/_/g, ' ')]));
  }
  for (const g of catalogue.groups) {
    const members = PARAMS.filter((p) => p.group === g);
    const d = el('details', { class: 'group' }, [el('summary', { text: `${g} (${members.length})` })]);
    for (const p of members) paramInput(d, p);
    $('paramset').appendChild(d);
  }
  $('param_search').addEventListener('input', filterParams);
  filterParams();
  $('scenario').value = data.default;
  applyScenarioDefaults(data.default);
  $('scenario').addEventListener('change', () => {
    applyScenarioDefaults($('scenario').value);
    loadDefaults(false).then(updatePermalink).catch(showError);
  });
  $('controls').addEventListener('input', onInput);
  $('controls').addEventListener('change', onInput);
  $('run').addEventListener('click', () => runEnsemble());
  $('dyad_pair').addEventListener('change', () => {
    view.pair = $('dyad_pair').value;
    drawChosenPair();
    pushView();
  });
  $('map_view').addEventListener('toggle', () => {
    // Opening the map shows (and records) the last year; closing it drops the year.
    if (!$('map_view').open) {
      if (view.year !== null) { view.year = null; pushView(); }
      return;
    }
    if (view.year === null && lastResult) { view.year = lastResult.years[lastResult.years.length - 1]; pushView(); }
    showMap();
  });
  $('download').addEventListener('click', download);
  $('report').addEventListener('click', downloadReport);
  $('drawer_toggle').addEventListener('click', () => {
    const open = document.body.classList.toggle('drawer-open');
    $('drawer_toggle').setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('popstate', async () => {
    const q = new URLSearchParams(location.search);
    readView(q);
    await restoreFromQuery(q);
    updatePermalink();
    // The controls now hold the address's settings: when they are those of the result on
    // screen, only the view changed, and nothing reruns.
    if (lastRequest && permalinkQuery(settings()) === permalinkQuery(lastRequest)) {
      clearStale();
      applyView();
    } else if (q.has('seed')) runEnsemble(false);
  });
  const q = new URLSearchParams(location.search);
  readView(q);
  if (view.year !== null) $('map_view').open = true;
  await restoreFromQuery(q);
  updatePermalink();
  document.body.dataset.ready = '1';
  if (q.has('seed')) runEnsemble(false);
}

init().catch(showError);
