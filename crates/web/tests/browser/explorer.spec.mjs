// Browser test of `deterrence serve`: playwright-core driving Debian's Chromium (/usr/bin/chromium).
// Run by scripts/browser-test; DETERRENCE_BIN names the binary (default target/debug/deterrence).
//
// At 1366×768 (desktop) and 390×844 (phone) it checks that no control, heading, chart or table
// overlaps another and nothing is wider than the viewport; that the controls sit in a drawer on
// the phone; that every parameter is reachable and searchable; that results are marked stale the
// moment an input changes; that the results heading lists the changed inputs; that small
// ensembles say "too few runs"; that CSV, SVG and PNG exports and the JSON and HTML downloads
// carry the data; that compare draws both results on shared scales with a difference view; that
// the address bar holds the state (back/forward rerun earlier settings, a copied URL reproduces
// the numbers; the chosen pair and the map's year survive a reload, back and forward and a copied
// URL); that the pair view draws four charts per pair and says "too few runs"; that
// charts show tooltips on hover and on keyboard focus; that the world map loads only when opened,
// colours states by status and follows its keyboard year slider, with a table of the same data;
// and runs axe-core on the explorer and, at both sizes, on each report kind (the explorer's
// report, and a run, an experiment, a paradox, a validation and a calibration report), failing on any serious
// or critical violation. Each report is also checked at both sizes for overlaps, width, chart
// text of at least 12 px as drawn, a table of contents, SVG charts with <title>, <desc> and a
// data table, provenance collapsed at the end with sources as links, a viewport meta and a print
// stylesheet. It also measures the first-load bytes, the bytes of the ensemble's answer and the
// time to the first chart. Screenshots go to target/web-test/.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const bin = process.env.DETERRENCE_BIN || path.join(root, 'target/debug/deterrence');
const outDir = path.join(root, 'target/web-test');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

function assert(cond, msg) {
  if (!cond) throw new Error('assertion failed: ' + msg);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function startServer(port) {
  const child = spawn(bin, ['serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s: ' + log)), 20000);
    child.stdout.on('data', (d) => {
      log += d;
      if (log.includes(`http://127.0.0.1:${port}/`)) { clearTimeout(timer); resolve(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${log}`)); });
  });
  return { child, ready };
}

const text = (page, sel) => page.locator(sel).innerText();

async function waitForRun(page, seed) {
  await page.waitForFunction((s) => {
    const h = document.querySelector('#current h2');
    return h && h.textContent.includes(`seed ${s}`) && document.querySelector('#status').textContent.startsWith('done');
  }, seed, { timeout: 60000 });
}

// Nothing wider than the viewport, and no two visible blocks matching `sel` overlapping unless
// one holds the other. `report`: a report page, where inside a closed <details> only its
// summary is drawn (and nothing inside a closed one nested in another closed one); otherwise the explorer, whose page must also fit the viewport and whose
// hidden blocks are skipped.
async function layoutProblems(page, sel, report) {
  return page.evaluate(([sel, report]) => {
    const out = [];
    const vw = document.documentElement.clientWidth;
    if (!report && document.documentElement.scrollWidth > vw + 1) out.push(`page is ${document.documentElement.scrollWidth} px wide in a ${vw} px viewport`);
    const shown = report
      ? (e) => {
          // Drawn when every closed <details> around it is the one whose summary it is (a
          // chart's data table folded inside a closed fold is not drawn).
          for (let d = e.closest('details:not([open])'); d; d = d.parentElement && d.parentElement.closest('details:not([open])')) {
            if (!(e.parentElement === d && e.tagName === 'SUMMARY')) return false;
          }
          return true;
        }
      : (e) => getComputedStyle(e).visibility !== 'hidden';
    const boxes = [...document.querySelectorAll(sel)]
      .filter((e) => e.getClientRects().length > 0 && shown(e))
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && r.height > 0);
    const name = (e) => e.tagName.toLowerCase() + (!report && e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') + ` "${(e.textContent || '').trim().slice(0, 30)}"`;
    for (const [e, r] of boxes) if (r.right > vw + 1) out.push(`${name(e)} reaches ${Math.round(r.right)} px, past the ${vw} px viewport`);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i];
        const [b, rb] = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) out.push(`${name(a)} overlaps ${name(b)} by ${Math.round(w)}×${Math.round(h)} px`);
      }
    }
    return out;
  }, [sel, report]);
}

// The explorer's controls, headings, charts, tables and export buttons.
async function checkLayout(page, where) {
  const problems = await layoutProblems(page,
    'header h1, .caveat, #drawer_toggle, #controls fieldset, #controls .buttons, #results h2, #results h3, '
    + '.diffs, .chart, .scroll, .tools, #stale, #definitions summary, select, #map_view summary, .legend, #map_year, .mapbox',
    false);
  assert(problems.length === 0, `${where}: ${problems.slice(0, 8).join('; ')}`);
}

async function checkAxe(page, where) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `${where}: axe found ${bad.map((v) => `${v.id} (${v.impact}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`).join('; ')}`);
}

async function downloadOf(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(file) };
}

async function desktop(browser, url, errors) {
  const page = await browser.newPage();
  await page.setViewportSize(DESKTOP);
  page.on('pageerror', (e) => errors.push(e.message));
  // First load: bytes of the page and its assets, and time to the first chart (20 runs × 50 years).
  const t0 = Date.now();
  await page.goto(url + '?scenario=world-2025&years=50&runs=20&seed=1');
  await page.waitForSelector('#current canvas', { timeout: 60000 });
  const firstChart = (Date.now() - t0) / 1000;
  await waitForRun(page, 1);
  // Bytes of the page and its assets as delivered (the API's answers are data, not the page).
  const bytes = await page.evaluate(() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .filter((e) => !e.name.includes('/api/')).reduce((n, e) => n + e.decodedBodySize, 0));
  const api = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/ensemble'))
    .reduce((n, e) => n + e.decodedBodySize, 0));
  console.log(`first load: ${(bytes / 1000).toFixed(1)} kB (page and assets), first chart after ${firstChart.toFixed(2)} s (20 runs × 50 years); the ensemble's answer ${(api / 1000).toFixed(1)} kB`);
  assert(bytes < 150000, `first load stays light (${bytes} bytes)`);
  assert(api > 0 && api < 80000, `the ensemble's answer stays light (${api} bytes)`);
  const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert(!(await loaded()).some((p) => p.includes('/vendor/') || p.endsWith('map.js')), 'the map code and geometry are not loaded before the map is opened');

  // One pair over time: four charts, the busiest armed pair first, bands hidden below 30 runs.
  assert(await page.locator('#dyad_view').isVisible(), 'the pair view is shown');
  assert((await page.locator('#dyad_pair option').count()) >= 5, 'every rival pair can be picked');
  assert((await page.locator('#dyad_charts .uplot').count()) === 4, 'adequacy, FSI, crises and rung charts');
  const pair1 = await page.inputValue('#dyad_pair');
  assert((await text(page, '#dyad_charts h3 >> nth=0')).includes(pair1), 'charts name the pair: ' + pair1);
  assert((await text(page, '#dyad_view')).includes('too few runs for a 90 % band'), '20 runs: too few runs for a band');
  await page.locator('#dyad_view').screenshot({ path: path.join(outDir, 'explorer-pair-desktop.png') });
  const other = await page.locator('#dyad_pair option').nth(0).getAttribute('value');
  const pick = other === pair1 ? await page.locator('#dyad_pair option').nth(1).getAttribute('value') : other;
  await page.selectOption('#dyad_pair', pick);
  assert((await text(page, '#dyad_charts h3 >> nth=1')).includes(pick), 'picking a pair redraws its charts');
  assert((await page.locator('#dyad_charts .uplot').count()) === 4, 'still four pair charts');
  // The pair is in the address bar: a reload keeps it, back returns to the default pair (no
  // rerun), forward to the pick.
  const pairParam = pick.replace('\u2013', '-');
  assert(new URL(page.url()).searchParams.get('pair') === pairParam, 'the pair is in the URL: ' + page.url());
  await page.reload();
  await waitForRun(page, 1);
  assert((await page.inputValue('#dyad_pair')) === pick, 'a reload keeps the pair');
  assert((await text(page, '#dyad_charts h3 >> nth=0')).includes(pick), 'a reload draws the pair');
  const pairShown = (p) => page.waitForFunction((want) => document.querySelector('#dyad_pair').value === want
    && document.querySelector('#dyad_charts h3').textContent.includes(want), p, { timeout: 10000 });
  await page.goBack();
  await pairShown(pair1);
  assert(!new URL(page.url()).searchParams.has('pair'), 'back drops the pair from the URL');
  await page.goForward();
  await pairShown(pick);
  assert(await page.locator('#stale').isHidden(), 'a view change is not stale');

  // Tooltips: on hover, and on keyboard focus with the arrow keys stepping through the years.
  const chart0 = page.locator('#current .chart').first();
  await chart0.scrollIntoViewIfNeeded();
  const box0 = await chart0.boundingBox();
  await page.mouse.move(box0.x + box0.width * 0.6, box0.y + 60);
  const tip0 = page.locator('#current .chartbox').first().locator('.tip');
  await tip0.waitFor({ state: 'visible' });
  const hovered = await tip0.innerText();
  assert(/^20\d\d: median .* \(50 % of runs .*, 90 % .*\)$/.test(hovered), 'hover tooltip gives year, median and bands: ' + hovered);
  await page.mouse.move(0, 0);
  const chart1 = page.locator('#current .chart').nth(1);
  await chart1.focus();
  const tip1 = page.locator('#current .chartbox').nth(1).locator('.tip');
  await tip1.waitFor({ state: 'visible' });
  const lastYear = await tip1.innerText();
  await page.keyboard.press('ArrowLeft');
  const before = await tip1.innerText();
  const yrs = await page.evaluate(() => lastResult.years);
  const [y1, y0] = [yrs[yrs.length - 1], yrs[yrs.length - 2]];
  assert(lastYear.startsWith(`${y1}:`) && before.startsWith(`${y0}:`), `focus shows the last year, the left arrow the one before: ${lastYear} / ${before}`);
  assert((await chart1.getAttribute('aria-describedby')) === (await tip1.getAttribute('id')), 'the chart is described by its tooltip');
  const pairTip = page.locator('#dyad_charts .chartbox').first();
  await pairTip.locator('.chart').focus();
  const pt = await pairTip.locator('.tip').innerText();
  assert(pt.startsWith(`${y1}:`) && pt.includes(' against '), 'pair tooltip names both directions: ' + pt);

  // The world map: loaded when opened, coloured by the most common status, a keyboard year
  // slider, a table of the same data.
  await page.goto(url + '?scenario=history-1945&years=40&runs=4&seed=3');
  await waitForRun(page, 3);
  await page.click('#map_view summary');
  await page.waitForSelector('#map_view svg.worldmap path[data-status]', { timeout: 30000 });
  assert(new URL(page.url()).searchParams.get('map') === '1984', 'opening the map puts its year in the URL: ' + page.url());
  const mapFiles = await loaded();
  assert(mapFiles.includes('/assets/vendor/countries-110m.json') && mapFiles.includes('/assets/vendor/d3-geo.min.js'), 'opening the map loads its code and geometry from this server');
  assert((await page.locator('#map_view svg.worldmap path').count()) > 150, 'every country drawn');
  const statusAt = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#map_view path[data-iso3]')].map((p) => [p.dataset.iso3, p.dataset.status])));
  const end = await statusAt();
  assert(end.USA === 'armed', 'the USA armed in the last year: ' + JSON.stringify(end));
  await page.focus('#map_year');
  await page.keyboard.press('Home');
  assert((await text(page, '#map_year_out')) === '1945', 'Home moves the slider to the first year');
  const start = await statusAt();
  assert(start.USA === 'armed' && start.RUS !== 'armed', 'in 1945 the USA is armed, the Soviet Union not yet: ' + JSON.stringify(start));
  assert(JSON.stringify(start) !== JSON.stringify(end), 'the slider changes the map');
  const rowRus = await page.locator('#map_table tr', { hasText: 'Russia' }).innerText();
  assert(rowRus.includes('0 %'), 'the table follows the slider: ' + rowRus);
  assert((await text(page, '#map_table caption')).includes('1945'), 'the table names the year');
  await page.keyboard.press('ArrowRight');
  assert((await text(page, '#map_year_out')) === '1946', 'the right arrow steps a year');
  // The map's year is in the address bar: back and forward step through the years chosen, a
  // copied URL opens the map at that year, closing the map drops it.
  assert(new URL(page.url()).searchParams.get('map') === '1946', 'the map year is in the URL: ' + page.url());
  const mapLink = page.url();
  const yearShown = (y) => page.waitForFunction((want) => {
    const out = document.querySelector('#map_year_out');
    return out && out.textContent === want && document.querySelector('#map_table caption').textContent.includes(want);
  }, y, { timeout: 10000 });
  await page.goBack();
  await yearShown('1945');
  await page.goForward();
  await yearShown('1946');
  const page3 = await browser.newPage();
  await page3.setViewportSize(DESKTOP);
  page3.on('pageerror', (e) => errors.push(e.message));
  await page3.goto(mapLink);
  await waitForRun(page3, 3);
  await page3.waitForSelector('#map_view[open] svg.worldmap path[data-status]', { timeout: 30000 });
  assert((await text(page3, '#map_year_out')) === '1946', 'a copied URL opens the map at its year');
  assert((await text(page3, '#map_table')) === (await text(page, '#map_table')), 'a copied URL gives the same map table');
  await page3.click('#map_view summary');
  await page3.waitForFunction(() => !new URL(location.href).searchParams.has('map'));
  await page3.goBack();
  await page3.waitForSelector('#map_view[open]');
  await page3.close();
  const title = await page.locator('#map_view path[data-iso3="USA"] title').textContent();
  assert(/armed 100 %, pursuing 0 %, exploring 0 % of 4 runs/.test(title), 'a state\'s tooltip gives the shares: ' + title);
  assert((await page.locator('#map_view .legend li').count()) === 5, 'a legend of every colour, outside the map');
  await checkLayout(page, 'desktop, map');
  await checkAxe(page, 'explorer (desktop, map open)');
  await page.locator('#map_view').screenshot({ path: path.join(outDir, 'explorer-map-desktop.png') });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  assert((await page.locator('#scenario option').count()) >= 2, 'scenario list filled');
  assert(await page.locator('#drawer_toggle').isHidden(), 'no drawer button on a wide screen');
  await checkLayout(page, 'desktop, before a run');

  // Every parameter is reachable, grouped by process, with description, unit and range.
  const nParams = await page.evaluate(async () => (await (await fetch('/api/params')).json()).parameters.length);
  assert((await page.locator('#paramset .param').count()) === nParams, `all ${nParams} parameters have an input`);
  assert((await page.locator('#paramset details.group').count()) >= 8, 'parameters grouped by process');
  await page.fill('#param_search', 'accident hazard per move');
  const matches = await page.locator('#paramset .param:visible').count();
  assert(matches >= 1 && matches <= 3, `search narrows the parameters (${matches} shown)`);
  assert((await text(page, '#param_count')) === `${matches} of ${nParams} parameters match`, 'search count');
  assert(await page.locator('#param_willingness_threat').isHidden(), 'other parameters hidden');
  assert(await page.locator('#param_accident_hazard').isVisible(), 'the match is shown, its group opened');
  const help = await text(page, '#param_accident_hazard_help');
  assert(help.includes('Unit: share or probability') && help.includes('Range: 0 to 1'), 'help gives unit and range: ' + help);
  assert((await page.getAttribute('#norm_strength', 'aria-describedby')) === 'norm_strength_help', 'levers described');

  // Settings: a lever, a parameter and a lens differ from the scenario's defaults.
  await page.fill('#runs', '3');
  await page.fill('#years', '10');
  await page.fill('#seed', '42');
  await page.locator('#norm_strength').fill('0.3');
  assert((await text(page, '#norm_strength_out')) === '0.3', 'slider readout follows');
  await page.fill('#param_accident_hazard', '0.01');
  await page.fill('#param_search', '');
  assert((await page.getAttribute('#permalink', 'href')).includes('p.accident_hazard=0.01'), 'permalink encodes the parameter');
  await page.click('#run');
  await waitForRun(page, 42);
  assert((await page.locator('#current .uplot').count()) === 5, 'five charts');
  const diffs = await text(page, '#current .diffs');
  assert(diffs.includes('norm strength 0.3') && diffs.includes('accident hazard 0.01') && diffs.includes('years 10'), 'heading lists the changed inputs: ' + diffs);
  const paradox1 = await text(page, '#paradox');
  assert(paradox1.includes('mean first-strike stability index'), 'paradox table present');
  assert(paradox1.includes('too few runs (n = 3 < 30)'), 'small ensembles show no interval: ' + paradox1);
  assert(new URL(page.url()).searchParams.get('seed') === '42', 'the run is in the address bar: ' + page.url());
  assert(await page.locator('#stale').isHidden(), 'fresh results are not stale');

  // Exports: CSV of a table, SVG, PNG and CSV of a chart, the JSON and the report.
  const tableCsv = await downloadOf(page, () => page.click('#current .table:has(#paradox) [data-export=CSV]'));
  const tcsv = tableCsv.bytes.toString();
  assert(tcsv.startsWith('measure,mean,95 % interval') && tcsv.includes('mean first-strike stability index'), 'table CSV: ' + tcsv.slice(0, 120));
  const warheads = '#current .tools[data-chart="warheads-all-states"]';
  const chartCsv = await downloadOf(page, () => page.click(`${warheads} [data-export=CSV]`));
  const lines = chartCsv.bytes.toString().trim().split('\n');
  assert(lines[0] === 'year,5 %,95 %,25 %,75 %,median' && lines.length === 11, 'series CSV has a row per year: ' + lines[0]);
  const svg = (await downloadOf(page, () => page.click(`${warheads} [data-export=SVG]`))).bytes.toString();
  assert(svg.startsWith('<svg') && svg.includes('<title>Warheads, all states</title>') && svg.includes('<desc>'), 'SVG export with title and description');
  const png = (await downloadOf(page, () => page.click(`${warheads} [data-export=PNG]`))).bytes;
  assert(png.subarray(1, 4).toString() === 'PNG' && png.length > 2000, 'PNG export');
  const json = JSON.parse((await downloadOf(page, () => page.click('#download'))).bytes.toString());
  assert(json.request.seed === 42 && json.request.parameters.some(([n, v]) => n === 'accident_hazard' && v === 0.01), 'JSON download carries the request');
  const report = await downloadOf(page, () => page.click('#report'));
  assert(report.name.endsWith('.html'), 'report file name: ' + report.name);
  const reportPath = path.join(outDir, 'explorer-report.html');
  writeFileSync(reportPath, report.bytes);

  // Stale: the moment an input changes the results are marked out of date.
  await page.locator('#enforcement').fill('0.9');
  assert(await page.locator('#stale').isVisible(), 'stale mark after a slider moves');
  assert((await text(page, '#stale')).startsWith('Out of date'), 'stale message');
  assert(await page.locator('#current.is-stale').count() === 1, 'old results dimmed');
  await checkLayout(page, 'desktop, stale');

  // Compare: shared scales and a difference view.
  await page.fill('#seed', '43');
  await page.check('#compare');
  await page.click('#run');
  await waitForRun(page, 43);
  assert(await page.locator('#stale').isHidden(), 'a new run clears the stale mark');
  assert((await text(page, '#previous h2')).includes('seed 42'), 'previous result kept beside the new one');
  assert((await page.locator('#difference h2').count()) === 1, 'difference view shown');
  const scales = await page.evaluate(() => {
    const ys = (id) => charts.filter(([, p]) => p.id === id).map(([u]) => [u.scales.y.min, u.scales.y.max]);
    return { cur: ys('current'), prev: ys('previous'), diff: ys('difference').length };
  });
  assert(JSON.stringify(scales.cur) === JSON.stringify(scales.prev), 'current and previous share their y scales: ' + JSON.stringify(scales));
  assert(scales.diff === 4, 'a difference chart per series');
  const paradox2 = await text(page, '#paradox');
  const dyads2 = await text(page, '#dyads');
  // Every chart (current, previous, difference, pair view) offers PNG, SVG and CSV, every table
  // CSV; and every request the page made went to this server.
  const offers = await page.evaluate(() => ({
    charts: document.querySelectorAll('.chart').length,
    chartTools: [...document.querySelectorAll('.chartbox')].filter((b) => {
      const t = b.previousElementSibling;
      return t && t.matches('.tools') && ['PNG', 'SVG', 'CSV'].every((k) => t.querySelector(`[data-export=${k}]`));
    }).length,
    tables: document.querySelectorAll('#results table:not(.u-legend)').length,
    tableTools: [...document.querySelectorAll('#results .table')].filter((t) => t.querySelector('[data-export=CSV]') && t.querySelector('table')).length,
    foreign: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => new URL(n).origin !== location.origin),
  }));
  assert(offers.charts >= 14 && offers.chartTools === offers.charts, 'every chart exports PNG, SVG and CSV: ' + JSON.stringify(offers));
  assert(offers.tables >= 5 && offers.tableTools === offers.tables, 'every table exports CSV: ' + JSON.stringify(offers));
  assert(offers.foreign.length === 0, 'no request leaves the machine: ' + offers.foreign.join(', '));
  await checkLayout(page, 'desktop, compare');
  await page.screenshot({ path: path.join(outDir, 'explorer-desktop.png'), fullPage: true });
  await checkAxe(page, 'explorer (desktop, compare)');

  // Back restores and reruns the earlier settings; forward returns.
  await page.goBack();
  await waitForRun(page, 42);
  assert((await page.inputValue('#param_accident_hazard')) === '0.01', 'back restores the parameter');
  assert((await text(page, '#paradox')) === paradox1, 'back reproduces the earlier numbers');
  await page.goForward();
  await waitForRun(page, 43);
  assert((await text(page, '#paradox')) === paradox2, 'forward reproduces the later numbers');

  // A copied URL in a fresh page restores the controls and reproduces the numbers.
  const link = page.url();
  assert(link.includes('seed=43') && link.includes('e=0.9'), 'the URL encodes seed and levers: ' + link);
  const page2 = await browser.newPage();
  await page2.setViewportSize(DESKTOP);
  page2.on('pageerror', (e) => errors.push(e.message));
  await page2.goto(link);
  await waitForRun(page2, 43);
  assert((await page2.inputValue('#enforcement')) === '0.9', 'URL restores the slider');
  assert((await page2.inputValue('#runs')) === '3', 'URL restores the runs');
  assert((await text(page2, '#paradox')) === paradox2, 'URL reproduces the paradox measures');
  assert((await text(page2, '#dyads')) === dyads2, 'URL reproduces the pair table');
  await page2.close();
  await page.close();
  return reportPath;
}

async function phone(browser, url, errors) {
  const page = await browser.newPage();
  await page.setViewportSize(PHONE);
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  assert(await page.locator('#drawer_toggle').isVisible(), 'settings drawer button on a phone');
  assert(await page.locator('#controls').isHidden(), 'controls collapsed into the drawer');
  await checkLayout(page, 'phone, drawer closed');
  await page.click('#drawer_toggle');
  assert(await page.locator('#controls').isVisible(), 'the drawer opens');
  assert((await page.getAttribute('#drawer_toggle', 'aria-expanded')) === 'true', 'the drawer button says it is open');
  await checkLayout(page, 'phone, drawer open');
  await page.fill('#runs', '3');
  await page.fill('#years', '10');
  await page.fill('#seed', '7');
  await page.click('#run');
  await waitForRun(page, 7);
  await page.click('#drawer_toggle');
  await checkLayout(page, 'phone, results');
  await page.click('#map_view summary');
  await page.waitForSelector('#map_view svg.worldmap path[data-status]', { timeout: 30000 });
  const mapWidth = await page.locator('#map_view .mapbox').evaluate((e) => e.getBoundingClientRect().width);
  assert(mapWidth <= PHONE.width && mapWidth >= 300, `the map fits the phone (${mapWidth} px)`);
  assert((await page.locator('#dyad_charts .uplot').count()) === 4, 'pair charts on the phone');
  await checkLayout(page, 'phone, pair view and map');
  await page.locator('#map_view').screenshot({ path: path.join(outDir, 'explorer-map-phone.png') });
  const chartWidth = await page.locator('#current .chart').first().evaluate((e) => e.getBoundingClientRect().width);
  assert(chartWidth <= PHONE.width && chartWidth >= 250, `charts fit the phone (${chartWidth} px)`);
  await page.click('#drawer_toggle');
  await page.fill('#seed', '8');
  assert(await page.locator('#stale').isVisible(), 'stale mark on the phone');
  await page.click('#drawer_toggle');
  await checkLayout(page, 'phone, stale');
  await page.screenshot({ path: path.join(outDir, 'explorer-phone.png'), fullPage: true });
  await checkAxe(page, 'explorer (phone)');
  await page.close();
}

// The report kinds: each at both sizes, axe-checked, nothing wider than the viewport, no block
// overlapping another, chart text at least 12 px as drawn, and the parts every report has.
async function reports(browser, files, errors) {
  for (const [kind, file] of files) {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      page.on('pageerror', (e) => errors.push(`${kind} report: ${e.message}`));
      const where = `${kind} report at ${size}`;
      await page.goto(pathToFileURL(file).toString());
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert(wide <= 1, `${where}: ${wide} px wider than the viewport`);
      await checkReportLayout(page, where);
      const parts = await page.evaluate(() => {
        const svgs = [...document.querySelectorAll('figure.chart svg')];
        // The smallest chart text as drawn: its font size times the drawing's scale on screen.
        let smallest = Infinity;
        for (const svg of svgs) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width || svg.getBoundingClientRect().width / svg.width.baseVal.value;
          for (const t of svg.querySelectorAll('text')) {
            if (!t.textContent.trim()) continue;
            smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
          }
        }
        const sheets = [...document.styleSheets].flatMap((sh) => [...sh.cssRules]);
        const details = [...document.querySelectorAll('body details')];
        const prov = document.querySelector('details.prov');
        return {
          viewport: !!document.querySelector('meta[name="viewport"][content*="width=device-width"]'),
          print: sheets.some((r) => r.media && r.media.mediaText.includes('print')),
          toc: [...document.querySelectorAll('nav.toc a[href^="#"]')].map((a) => !!document.getElementById(a.getAttribute('href').slice(1))),
          sections: document.querySelectorAll('main h2, body > h2, section h2').length,
          charts: svgs.length,
          titled: svgs.filter((v) => v.querySelector('title') && v.querySelector('desc')).length,
          tabled: svgs.filter((v) => { const n = v.closest('figure').nextElementSibling; return n && n.matches('details.data') && n.querySelector('table'); }).length,
          smallest,
          provLast: !!prov && details[details.length - 1] === prov && !prov.open,
          sourceLinks: prov ? prov.querySelectorAll('a[href^="http"]').length : 0,
        };
      });
      assert(parts.viewport && parts.print, `${where}: a viewport meta and a print stylesheet`);
      assert(parts.toc.length >= 2 && parts.toc.every(Boolean), `${where}: a table of contents linking its sections (${parts.toc})`);
      assert(parts.charts >= 1 && parts.titled === parts.charts && parts.tabled === parts.charts,
        `${where}: every SVG chart has <title>, <desc> and a data table (${JSON.stringify(parts)})`);
      assert(parts.smallest >= 12, `${where}: chart text is at least 12 px as drawn (${parts.smallest.toFixed(1)} px)`);
      assert(parts.provLast, `${where}: provenance collapsed in the last <details>`);
      if (kind !== 'validation') assert(parts.sourceLinks >= 1, `${where}: data sources as links`);
      if (kind === 'paradox') {
        const forest = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].filter((f) => /forest|difference/i.test(f.textContent)).length);
        assert(forest >= 1, `${where}: the headline is a forest plot`);
      }
      if (kind === 'validation') {
        const colours = await page.evaluate(() => ['td.pass', 'td.miss'].map((c) => { const e = document.querySelector(c); return e && getComputedStyle(e).backgroundColor; }));
        assert(colours.every((c) => c && c !== 'rgba(0, 0, 0, 0)') && colours[0] !== colours[1], `${where}: verdicts coloured (${colours})`);
      }
      await page.screenshot({ path: path.join(outDir, `report-${kind}-${size}.png`), fullPage: true });
      await checkAxe(page, where);
      await page.close();
    }
  }
}

// A report's blocks (headings, figures, tables, notes, folds, contents) neither overlap nor
// reach past the viewport.
async function checkReportLayout(page, where) {
  const problems = await layoutProblems(page, 'h1, h2, h3, nav.toc, .caveat, figure, .scroll, p, dl, details > summary', true);
  assert(problems.length === 0, `${where}: ${problems.slice(0, 8).join('; ')}`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const port = await freePort();
  const server = startServer(port);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'deterrence-chromium-'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'deterrence-reports-'));
  let browser;
  try {
    await server.ready;
    const url = `http://127.0.0.1:${port}/`;
    // A new, empty profile directory (Playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath, args: FLAGS, acceptDownloads: true });
    const errors = [];
    const explorerReport = await desktop(browser, url, errors);
    await phone(browser, url, errors);
    // One report of each kind, small and quick.
    const made = [['explorer', explorerReport]];
    const at = (name) => path.join(work, name);
    const cli = (args) => execFileSync(bin, args, { stdio: 'ignore' });
    cli(['run', 'world-2025', '--years', '5', '--seed', '1', '--out', at('run')]);
    cli(['run', 'world-2025', '--years', '5', '--runs', '3', '--seed', '1', '--out', at('experiment')]);
    cli(['paradox', '--runs', '3', '--samples', '30', '--years', '10', '--out', at('paradox'), '--threads', '2']);
    writeFileSync(at('validation.json'), execFileSync(bin, ['validate', '--runs', '4', '--seed', '5', '--format', 'json']));
    writeFileSync(at('calibration.toml'), [
      'schema = 1', '[calibration]', 'name = "browser"', 'seed = 3', 'particles = 12', 'generations = 2',
      'training_until = 1970', 'predictive_runs = 6',
      '[[parameters]]', 'name = "willingness_intercept"', 'prior = "uniform"', 'low = -5.0', 'high = -2.0',
      '[[parameters]]', 'name = "explore_hazard"', 'prior = "log-uniform"', 'low = 0.02', 'high = 0.2', ''].join('\n'));
    cli(['calibrate', at('calibration.toml'), '--out', at('calibration'), '--threads', '2']);
    for (const [kind, input] of [['run', 'run'], ['experiment', 'experiment'], ['paradox', 'paradox'], ['validation', 'validation.json'], ['calibration', 'calibration']]) {
      cli(['report', at(input), '-o', at(kind + '.html')]);
      made.push([kind, at(kind + '.html')]);
    }
    await reports(browser, made, errors);
    assert(errors.length === 0, 'no page errors: ' + errors.join('; '));
    console.log(`ok: explorer browser test passed (screenshots in ${outDir})`);
  } finally {
    if (browser) await browser.close();
    server.child.kill('SIGINT');
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error('FAILED:', e.message);
  process.exit(1);
});
