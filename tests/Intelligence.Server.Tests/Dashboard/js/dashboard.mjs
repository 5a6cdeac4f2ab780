// Opens the dashboard in Debian's Chromium (driven by playwright-core; no browser download) and reports what it drew.
// Usage: node dashboard.mjs <base-url> <out-dir> <timeline-page-size>. Writes dashboard.png and dashboard-narrow.png into <out-dir> and prints
// one JSON object on stdout; exit code 0 when the page could be driven (the C# test judges the numbers).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, outDir, pageSize] = process.argv.slice(2);
const timer = setTimeout(() => { console.error('timeout after 90 s'); process.exit(2); }, 90_000);
const profile = await mkdtemp(join(tmpdir(), 'intel-dashboard-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 900 },
});

const requests = [];
const errors = [];
context.on('request', r => requests.push(r.url()));
const page = context.pages()[0] ?? await context.newPage();
page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
page.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });

const count = selector => page.locator(selector).count();
const text = selector => page.locator(selector).innerText();
const ready = () => Promise.all([
  page.waitForSelector('#timeline[aria-busy="false"]', { state: 'attached' }),
  page.waitForSelector('#chart[aria-busy="false"]', { state: 'attached' }),
]);

try {
  // A small page size makes the page follow `pageInfo.endCursor` across several timeline pages.
  await page.goto(`${base}?pageSize=${pageSize}`, { waitUntil: 'load' });
  await ready();
  const report = {
    title: await page.title(),
    entries: await count('#timeline .entry'),
    legend: await count('#timeline-legend li'),
    timelineStatus: await text('#timeline-status'),
    bars: await count('#chart .bar'),
    chartStatus: await text('#chart-status'),
  };

  // The first entry's sources, as a person would open them.
  if (report.entries > 0) {
    await page.locator('#timeline .entry').first().click();
    await page.waitForSelector('#entry-details:not([hidden])');
    report.firstEntryKey = await page.locator('#timeline .entry').first().getAttribute('data-fact-key');
    report.firstEntrySources = await count('#entry-details .sources li');
  }
  await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: true });

  // A phone-sized window: the drawings are redrawn to fit, nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForFunction(() => document.querySelector('#timeline svg')?.getAttribute('width') <= 360);
  report.narrowEntries = await count('#timeline .entry');
  report.narrowOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.screenshot({ path: join(outDir, 'dashboard-narrow.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 900 });

  // The raw query box.
  await page.locator('#query-form button[type="submit"]').click();
  await page.waitForFunction(() => document.getElementById('query-result').textContent.length > 0);
  report.queryStatus = await text('#query-status');
  report.queryResult = JSON.parse(await page.locator('#query-result').textContent());
  report.errors = [...errors]; // before the wrong key below, whose 401s the console reports as errors

  // A wrong key: the error is shown, readably, where the timeline was.
  await page.fill('#api-key', 'intel_not-a-real-key');
  await page.locator('#key-form button[type="submit"]').click();
  await page.waitForSelector('#timeline-status.error');
  await ready();
  report.badKeyError = await text('#timeline-status');
  report.badKeyEntries = await count('#timeline .entry');

  report.requests = requests;
  console.log(JSON.stringify(report));
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
  clearTimeout(timer);
}
