// Deterrence Lab explorer: controls → POST /api/ensemble/stream (progress, then the result) → fan
// charts and tables; POST /api/report downloads the HTML report of the current settings.
// Plain JavaScript, no build step; uPlot is loaded before this file.
'use strict';

// [name, label, permalink key, description] of every regime lever, from /api/scenarios (the
// server's one list); the permalink key is the initials of the name's words (norm_strength → ns).
let LEVERS = [];
const PARAMS = [
  ['prudence_base', 'prudence (base)', 'pb', 0, 40, 0.5],
  ['accident_hazard', 'accident hazard', 'ah', 0, 0.2, 0.001],
];
const CHARTS = [
  ['nuclear_armed_states', 'Nuclear-armed states (count)'],
  ['warheads_total', 'Warheads, all states (count)'],
  ['norm_strength', 'Norm strength (0–1)'],
  ['crises', 'Crises per year (count)'],
];

const $ = (id) => document.getElementById(id);
let scenarios = [];
let lensNames = [];
let lastResult = null;
let lastRequest = null;
let running = false;

function fmt(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (typeof x === 'boolean') return x ? 'yes' : 'no';
  if (typeof x !== 'number') return String(x);
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.appendChild(c);
  return e;
}

function slider(parent, id, label, min, max, step) {
  const out = el('output', { id: id + '_out' });
  const input = el('input', { id, name: id, type: 'range', min, max, step });
  input.addEventListener('input', () => { out.textContent = input.value; updatePermalink(); });
  parent.appendChild(el('label', {}, [document.createTextNode(label + ' '), input, document.createTextNode(' '), out]));
}

function setSlider(id, value) {
  $(id).value = value;
  $(id + '_out').textContent = $(id).value;
}

function applyScenarioDefaults(name) {
  const s = scenarios.find((x) => x.name === name);
  if (!s) return;
  $('years').value = Math.min(s.horizon, 100);
  for (const [key] of LEVERS) setSlider(key, s.levers[key]);
  for (const [key] of PARAMS) setSlider(key, s[key]);
  for (const l of lensNames) $('lens_' + l).checked = s.lenses.includes(l);
}

function settings() {
  const levers = {};
  for (const [key] of LEVERS) levers[key] = Number($(key).value);
  const req = {
    scenario: $('scenario').value,
    years: Number($('years').value),
    runs: Number($('runs').value),
    seed: Number($('seed').value),
    levers,
    lenses: lensNames.filter((l) => $('lens_' + l).checked),
  };
  for (const [key] of PARAMS) req[key] = Number($(key).value);
  return req;
}

function permalinkQuery(req) {
  const q = new URLSearchParams();
  q.set('scenario', req.scenario);
  q.set('years', req.years);
  q.set('runs', req.runs);
  q.set('seed', req.seed);
  for (const [key, , short] of LEVERS) q.set(short, req.levers[key]);
  for (const [key, , short] of PARAMS) q.set(short, req[key]);
  q.set('lenses', req.lenses.join(','));
  return '?' + q.toString();
}

function updatePermalink() {
  if (!$('scenario').value) return;
  $('permalink').href = location.pathname + permalinkQuery(settings());
}

function restoreFromQuery(q) {
  if (q.has('scenario') && scenarios.some((s) => s.name === q.get('scenario'))) {
    $('scenario').value = q.get('scenario');
    applyScenarioDefaults(q.get('scenario'));
  }
  for (const k of ['years', 'runs', 'seed']) if (q.has(k)) $(k).value = q.get(k);
  for (const [key, , short] of LEVERS) if (q.has(short)) setSlider(key, q.get(short));
  for (const [key, , short] of PARAMS) if (q.has(short)) setSlider(key, q.get(short));
  if (q.has('lenses')) {
    const on = q.get('lenses').split(',');
    for (const l of lensNames) $('lens_' + l).checked = on.includes(l);
  }
}

const yearAxis = () => ({ label: 'year', incrs: [1, 2, 5, 10, 20, 25, 50], values: (u, vals) => vals.map((v) => String(v)) });

function chartWidth(parent) {
  return Math.max(300, Math.min(480, (parent.clientWidth || 480) - 10));
}

function fanChart(parent, title, years, f) {
  const wrap = el('div', { class: 'chart' });
  parent.appendChild(el('h3', { text: title }));
  parent.appendChild(wrap);
  const band = (a, b) => ({ series: [a, b], fill: 'rgba(40,90,170,0.15)' });
  const opts = {
    width: chartWidth(parent),
    height: 200,
    scales: { x: { time: false } },
    axes: [yearAxis(), { label: title.replace(/ \(.*\)$/, '').replace(/ —.*$/, '') }],
    series: [
      { label: 'year', value: (u, v) => (v == null ? '–' : String(v)) },
      { label: '5 %', stroke: 'rgba(40,90,170,0.35)' },
      { label: '25 %', stroke: 'rgba(40,90,170,0.6)' },
      { label: 'median', stroke: 'rgb(20,50,120)', width: 2 },
      { label: '75 %', stroke: 'rgba(40,90,170,0.6)' },
      { label: '95 %', stroke: 'rgba(40,90,170,0.35)' },
    ],
    bands: [band(5, 1), band(4, 2)],
  };
  return new uPlot(opts, [years, f.q05, f.q25, f.q50, f.q75, f.q95], wrap);
}

function lineChart(parent, title, years, ys) {
  const wrap = el('div', { class: 'chart' });
  parent.appendChild(el('h3', { text: title }));
  parent.appendChild(wrap);
  const opts = {
    width: chartWidth(parent),
    height: 160,
    scales: { x: { time: false }, y: { range: [0, 1] } },
    axes: [yearAxis(), { label: 'share of runs' }],
    series: [{ label: 'year', value: (u, v) => (v == null ? '–' : String(v)) }, { label: 'share', stroke: 'rgb(170,40,40)', width: 2 }],
  };
  return new uPlot(opts, [years, ys], wrap);
}

function table(headers, rows, id) {
  const t = el('table', id ? { id } : {});
  t.appendChild(el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h })))]));
  t.appendChild(el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', { text: fmt(c) }))))));
  return t;
}

function render(panel, res, label) {
  panel.innerHTML = '';
  const r = res.request;
  panel.appendChild(el('h2', { text: `${label}: ${r.scenario}, ${r.years} years, ${r.runs} runs, seed ${r.seed}` }));
  panel.appendChild(el('h3', { text: 'Paradox measures (mean and 95 % interval over runs)' }));
  panel.appendChild(table(['measure', 'mean', '95 % low', '95 % high', 'n'],
    res.paradox.map((m) => [m.label, m.mean, m.lo, m.hi, m.n]), panel.id === 'current' ? 'paradox' : undefined));
  panel.appendChild(el('p', { class: 'note', text: res.interval }));
  for (const [key, title] of CHARTS) fanChart(panel, title + ' — median, 50 % and 90 % bands', res.years, res.fans[key]);
  lineChart(panel, 'Runs with nuclear use so far (share)', res.years, res.nuclear_use_share);
  const dy = res.dyads_final_year_first_run;
  const year = dy.length ? dy[0].year : res.years[res.years.length - 1];
  panel.appendChild(el('h3', { text: `Dyad stability, ${year} (first run)` }));
  panel.appendChild(table(
    ['dyad', 'surviving 1', 'surviving 2', 'adequacy 1', 'adequacy 2', 'FSI', 'mutually vulnerable', 'crisis', 'war', 'nuclear use'],
    dy.map((d) => [`${d.iso3_1}–${d.iso3_2}`, d.surviving1, d.surviving2, d.adequacy1, d.adequacy2, d.fss_index,
      d.mutual_vulnerability, d.crisis, d.war, d.nuclear_use]),
    panel.id === 'current' ? 'dyads' : undefined));
}

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
      else if (msg.result) return msg.result;
      else if (msg.error) throw new Error(msg.error);
    }
    if (done) throw new Error('the stream ended without a result');
  }
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
    const blob = await resp.blob();
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: 'deterrence-report.html' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    $('status').textContent = 'error: ' + e.message;
    $('status').className = 'error';
  } finally {
    $('report').disabled = false;
  }
}

async function runEnsemble() {
  if (running) return;
  running = true;
  const req = settings();
  updatePermalink();
  $('run').disabled = true;
  const started = performance.now();
  const tick = () => { $('status').textContent = `running… ${((performance.now() - started) / 1000).toFixed(1)} s`; };
  tick();
  const timer = setInterval(tick, 200);
  try {
    const body = await streamEnsemble(req);
    if ($('compare').checked && lastResult) {
      render($('previous'), lastResult, 'Previous');
    } else {
      $('previous').innerHTML = '';
    }
    lastResult = body;
    lastRequest = req;
    render($('current'), body, 'Current');
    $('download').disabled = false;
    $('report').disabled = false;
    $('status').textContent = `done in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    $('status').className = '';
  } catch (e) {
    $('status').textContent = 'error: ' + e.message;
    $('status').className = 'error';
  } finally {
    clearInterval(timer);
    $('run').disabled = false;
    running = false;
  }
}

function download() {
  if (!lastResult) return;
  const blob = new Blob([JSON.stringify(lastResult, null, 2)], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: `deterrence-${lastResult.request.scenario}-seed${lastResult.request.seed}.json` });
  document.body.appendChild(a);
  a.click();
  a.remove();
}

async function init() {
  const data = await (await fetch('/api/scenarios')).json();
  scenarios = data.scenarios;
  lensNames = data.lenses;
  for (const s of scenarios) $('scenario').appendChild(el('option', { value: s.name, text: s.title ? `${s.name} — ${s.title}` : s.name }));
  LEVERS = data.levers.map((l) => [l.name, l.label, l.name.split('_').map((w) => w[0]).join(''), l.description]);
  for (const [key, label, , description] of LEVERS) {
    slider($('levers'), key, label, 0, 1, 0.01);
    $(key).title = description;
  }
  for (const [key, label, , min, max, step] of PARAMS) slider($('paramset'), key, label, min, max, step);
  for (const l of lensNames) {
    const box = el('input', { id: 'lens_' + l, type: 'checkbox', value: l });
    box.addEventListener('change', updatePermalink);
    $('lenses').appendChild(el('label', {}, [box, document.createTextNode(' ' + l)]));
  }
  $('scenario').value = data.default;
  applyScenarioDefaults(data.default);
  $('scenario').addEventListener('change', () => { applyScenarioDefaults($('scenario').value); updatePermalink(); });
  for (const k of ['years', 'runs', 'seed']) $(k).addEventListener('input', updatePermalink);
  $('run').addEventListener('click', runEnsemble);
  $('download').addEventListener('click', download);
  $('report').addEventListener('click', downloadReport);
  const q = new URLSearchParams(location.search);
  restoreFromQuery(q);
  updatePermalink();
  document.body.dataset.ready = '1';
  if (q.has('seed')) runEnsemble();
}

init().catch((e) => { $('status').textContent = 'error: ' + e.message; $('status').className = 'error'; });
