// Browser test of `deterrence serve`: playwright-core driving Debian's Chromium (/usr/bin/chromium).
// Run by scripts/browser-test; DETERRENCE_BIN names the binary (default target/debug/deterrence).
// Loads the page, moves a slider, runs a small ensemble (streamed progress), checks the charts,
// tables and progress bar, downloads the HTML report, runs again
// with compare on, follows the permalink and checks it reproduces the same numbers, and saves a
// screenshot to target/web-test/explorer.png.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const bin = process.env.DETERRENCE_BIN || path.join(root, 'target/debug/deterrence');
const outDir = path.join(root, 'target/web-test');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
    return h && h.textContent.includes(`seed ${s}`);
  }, seed, { timeout: 60000 });
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const port = await freePort();
  const server = startServer(port);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'deterrence-chromium-'));
  let browser;
  try {
    await server.ready;
    const url = `http://127.0.0.1:${port}/`;
    // A new, empty profile directory (Playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath, args: FLAGS, viewport: { width: 1400, height: 1000 },
    });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    assert((await page.locator('#scenario option').count()) >= 2, 'scenario list filled');

    // Move a slider: its readout and the permalink follow.
    await page.fill('#runs', '3');
    await page.fill('#years', '10');
    await page.fill('#seed', '42');
    await page.locator('#norm_strength').fill('0.3');
    assert((await text(page, '#norm_strength_out')) === '0.3', 'slider readout follows');
    assert((await page.getAttribute('#permalink', 'href')).includes('ns=0.3'), 'permalink encodes the slider');

    // Run a small ensemble: charts and tables appear.
    await page.click('#run');
    await waitForRun(page, 42);
    const canvases = await page.locator('#current canvas').count();
    assert(canvases >= 5, `fan charts drawn (${canvases} canvases)`);
    assert((await page.locator('#current .uplot').count()) === 5, 'five uPlot charts');
    const paradox1 = await text(page, '#paradox');
    assert(paradox1.includes('mean first-strike stability index'), 'paradox table present');
    assert((await page.locator('#dyads tbody tr').count()) >= 1, 'dyad stability rows');
    // The streamed progress reached its end.
    const prog = await page.evaluate(() => ({ v: $('progress').value, max: $('progress').max }));
    assert(prog.max === 3 && prog.v === prog.max, `progress bar full (${prog.v} / ${prog.max})`);
    assert((await text(page, '#progress_text')) === '3 / 3 runs', 'progress text');
    // Download the HTML report of this result.
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#report')]);
    assert(dl.suggestedFilename().endsWith('.html'), 'report file name: ' + dl.suggestedFilename());

    // Change the settings and run again with compare on: the table changes, the old one stays.
    await page.locator('#enforcement').fill('0.9');
    await page.fill('#seed', '43');
    await page.check('#compare');
    await page.click('#run');
    await waitForRun(page, 43);
    const paradox2 = await text(page, '#paradox');
    const heading2 = await text(page, '#current h2');
    assert(heading2.includes('seed 43'), 'heading shows the new run');
    assert((await text(page, '#previous h2')).includes('seed 42'), 'previous result kept beside the new one');
    const fans1 = await page.evaluate(() => document.querySelectorAll('#previous canvas').length);
    assert(fans1 >= 5, 'previous charts kept');
    assert(paradox1 !== paradox2 || (await text(page, '#dyads')) !== '', 'the tables were redrawn');
    const dyads2 = await text(page, '#dyads');
    await page.screenshot({ path: path.join(outDir, 'explorer.png'), fullPage: true });

    // Follow the permalink in a fresh page: the controls are restored and the numbers are the same.
    const link = new URL(await page.getAttribute('#permalink', 'href'), url).toString();
    assert(link.includes('seed=43') && link.includes('e=0.9'), 'permalink encodes seed and levers: ' + link);
    const page2 = await browser.newPage();
    page2.on('pageerror', (e) => errors.push(e.message));
    await page2.goto(link);
    await waitForRun(page2, 43);
    assert((await page2.inputValue('#enforcement')) === '0.9', 'permalink restores the slider');
    assert((await page2.inputValue('#runs')) === '3', 'permalink restores the runs');
    assert((await text(page2, '#paradox')) === paradox2, 'permalink reproduces the paradox measures');
    assert((await text(page2, '#dyads')) === dyads2, 'permalink reproduces the dyad table');
    assert(errors.length === 0, 'no page errors: ' + errors.join('; '));
    console.log(`ok: explorer browser test passed (${canvases} canvases; screenshot ${path.join(outDir, 'explorer.png')})`);
  } finally {
    if (browser) await browser.close();
    server.child.kill('SIGINT');
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error('FAILED:', e.message);
  process.exit(1);
});
