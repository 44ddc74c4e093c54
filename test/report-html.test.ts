/**
 * The HTML report opened in a real browser: Debian's chromium, driven by
 * playwright-core with the system executable (nothing downloads a browser).
 * `.ci/run` installs chromium when it is missing; elsewhere, without it,
 * these tests are skipped with a message (set EVALCHECK_BROWSER=require to
 * make a missing browser fail instead, as CI does).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, SAMPLE, sampleText } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const have = existsSync(CHROMIUM);
if (!have && process.env.EVALCHECK_BROWSER === 'require') throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium)`);
if (!have) console.warn(`report-html: ${CHROMIUM} not found, browser tests skipped (apt-get install chromium; .ci/run does)`);

const dir = mkdtempSync(join(tmpdir(), 'evalcheck-html-'));
let browser: Browser;

async function report(name: string, args: string[], code = [0, 1]): Promise<string> {
  const out = join(dir, name);
  const r = await cli([...args, '-o', out], { env: { SOURCE_DATE_EPOCH: '1764547200' } });
  expect(code).toContain(r.code);
  return out;
}

/** Open a report; collect console errors and page errors. */
async function open(file: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  // Any request leaving the page (a CDN, a font) is a failure of "self-contained".
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) errors.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  return { page, errors };
}

const marks = (page: Page, chart: string) => page.locator(`#chart-${chart} svg [ecmeta_ssr_type="chart"]`).count();
const projectNames = (page: Page) => page.locator('#projects tbody.project:not([hidden]) tr.row .name').allTextContents();

describe.skipIf(!have)('the HTML report in headless Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // As root in a sandbox, and on a closed network: no sandbox, no background connections.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('the sample: verdict, charts with a bar per grade and a point per project, the projects table sorts and opens', async () => {
    const file = await report('sample.html', ['verify', SAMPLE, '--lang', 'zh']);
    const { page, errors } = await open(file);
    expect(await page.locator('#verdict').textContent()).toBe('0 个错误 · 7 个警告 · 12 条提示');
    expect(await page.locator('#checked').textContent()).toBe('复核 1 个文件、8 个项目');
    expect(await page.locator('header').textContent()).toContain('2025-12-01 00:00:00 UTC');
    // Every chart is an SVG drawn into the page.
    for (const id of ['grades', 'histogram', 'scatter', 'codes', 'departments']) expect(await page.locator(`#chart-${id} svg`).count(), id).toBe(1);
    // Grades: 4 grades × (stated, recomputed); the bars' titles carry the counts.
    expect(await marks(page, 'grades')).toBe(8);
    const gradeTitles = await page.locator('#chart-grades svg [ecmeta_ssr_type="chart"] title').allTextContents();
    expect(gradeTitles).toEqual(['表中 优: 8', '表中 良: 0', '表中 中: 0', '表中 差: 0', '复核 优: 8', '复核 良: 0', '复核 中: 0', '复核 差: 0']);
    // The histogram has its 9 bins; their counts add up to the 8 projects.
    const bins = await page.locator('#chart-histogram svg [ecmeta_ssr_type="chart"] title').allTextContents();
    expect(bins).toHaveLength(9);
    expect(bins.reduce((n, t) => n + Number(t.split(': ')[1]), 0)).toBe(8);
    // One point per project, each a link to its row.
    expect(await marks(page, 'scatter')).toBe(8);
    const links = await page.locator('#chart-scatter svg a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#p-0', '#p-1', '#p-2', '#p-3', '#p-4', '#p-5', '#p-6', '#p-7']);
    // Findings by code: one bar per code found.
    const codes = await page.locator('#chart-codes svg [ecmeta_ssr_type="chart"] title').allTextContents();
    expect(codes.reduce((n, t) => n + Number(t.split(': ').at(-1)), 0)).toBe(19);
    // The projects table: 8 rows in file order; sorting by score changes their order, twice reverses it.
    const inFileOrder = await projectNames(page);
    expect(inFileOrder).toHaveLength(8);
    expect(inFileOrder[0]).toBe('信息化建设项目');
    const totals = () => page.locator('#projects tbody.project').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-total')));
    await page.click('#projects th[data-key="total"]');
    const desc = await totals();
    expect(desc).toEqual([...desc].sort((a, b) => Number(b) - Number(a)));
    expect(await projectNames(page)).not.toEqual(inFileOrder);
    await page.click('#projects th[data-key="total"]');
    const asc = await totals();
    expect(asc).toEqual([...asc].sort((a, b) => Number(a) - Number(b)));
    // Filtering by text leaves only the matching project.
    await page.fill('#filter', '信息化建设');
    expect(await projectNames(page)).toEqual(['信息化建设项目']);
    await page.fill('#filter', '');
    // Opening a project shows its findings; closed, they are hidden.
    const first = page.locator('#p-7');
    const detail = first.locator('tr.detail');
    expect(await detail.isVisible()).toBe(false);
    await first.locator('button.open').click();
    expect(await detail.isVisible()).toBe(true);
    const text = (await detail.textContent())!;
    // Every finding of that project, in its words, with its line and computation.
    const doc = JSON.parse((await cli(['verify', SAMPLE, '--format', 'json', '--lang', 'zh'])).stdout);
    const own = doc.files[0].findings.filter((f: { project: { line: number } | null }) => f.project?.line === 182);
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) {
      expect(text).toContain(f.message);
      expect(text).toContain(`${SAMPLE}:${f.line}`);
      if (f.calc) expect(text).toContain(f.calc.slice(0, 10));
    }
    // A point of the scatter opens its project.
    // The link is followed and its hashchange handled after click() returns: wait for both.
    await page.locator('#chart-scatter svg a[href="#p-3"]').dispatchEvent('click');
    await page.waitForFunction("location.hash === '#p-3'", undefined, { timeout: 10_000 });
    await page.locator('#p-3 tr.detail').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('#p-3 tr.detail').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    // The screenshot the README shows: the page as it opens, with the first project opened.
    const fresh = await open(file);
    await fresh.page.locator('#p-1 button.open').click();
    await fresh.page.screenshot({ path: join(ROOT, 'docs', 'report-sample.png'), fullPage: true });
    expect(readFileSync(join(ROOT, 'docs', 'report-sample.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(fresh.errors).toEqual([]);
  }, 60_000);

  it('the fault fixtures: findings per project, errors marked, file-level findings and unreadable files listed', async () => {
    const file = await report('faults.html', ['verify', 'fixtures/faults', 'fixtures/bad/binary.txt', '--lang', 'en'], [2]);
    const r = await cli(['verify', 'fixtures/faults', 'fixtures/bad/binary.txt', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    const { page, errors } = await open(file);
    expect(await page.locator('#verdict').textContent()).toContain(`${doc.counts.error} error`);
    expect(await page.locator('#projects tbody.project').count()).toBe(doc.counts.projects);
    expect(await marks(page, 'scatter')).toBe(doc.files.flatMap((f: { projects: { recomputed: { total: string | null; rates: unknown[] } }[] }) => f.projects).filter((p: { recomputed: { total: string | null; rates: { row: string }[] } }) => p.recomputed.total !== null && p.recomputed.rates.some((x) => x.row === 'total')).length);
    expect(await page.locator('#failures li').count()).toBe(doc.failures.length);
    expect(await page.locator('#failures').textContent()).toContain('binary.txt');
    // Only errors: the filter keeps the projects with at least one error.
    await page.selectOption('#severity', 'error');
    const withErrors = doc.files.flatMap((f: { projects: { counts: { error: number } }[] }) => f.projects).filter((p: { counts: { error: number } }) => p.counts.error > 0).length;
    expect(await page.locator('#projects tbody.project:not([hidden])').count()).toBe(withErrors);
    expect(errors).toEqual([]);
  }, 60_000);

  it('a <script> in a project name stays text, and nothing runs; with scripts off every finding is shown', async () => {
    const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    const src = join(dir, 'evil.txt');
    writeFileSync(src, sampleText().replace('信息化建设项目', evil).replace('上海市残疾人联合会', `</td><script>window.__pwned=3</script>`));
    const file = await report('evil.html', ['verify', src, '--lang', 'en']);
    const { page, errors } = await open(file);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect((await projectNames(page))[0]).toBe(evil);
    expect(await page.locator('#projects img').count()).toBe(0);
    expect(errors.filter((e) => !e.startsWith('request: file:'))).toEqual([]);
    const off = await open(file, { javaScriptEnabled: false });
    expect(await off.page.locator('#p-7 tr.detail').isVisible()).toBe(true);
    expect(await off.page.locator('.noscript').isVisible()).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('<script>window');
  }, 60_000);
});
