#!/usr/bin/env node
// The docs site, checked in a real browser: serve docs/dist over HTTP, open it in Debian's Chromium through
// playwright-core, follow every internal link (no 404, no broken anchor, no script error), switch language,
// use the search, and save screenshots of the home page and a guide to docs/screenshots/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDirectory } from './static-server.mjs';

const docsDir = join(import.meta.dirname, '..');
const distDir = join(docsDir, 'dist');
const screenshotDir = join(docsDir, 'screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const failures = [];
const fail = (message) => failures.push(message);
const started = performance.now();

const server = await serveDirectory(distDir);
const origin = server.origin;
const profile = mkdtempSync(join(tmpdir(), 'coro-docs-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: chromiumArgs,
  viewport: { width: 1280, height: 860 },
  locale: 'en-US',
});

/** Run one check; report it as ok (with what it returns) only if it recorded no failure. */
async function step(label, check) {
  const before = failures.length;
  const t = performance.now();
  const detail = await check();
  const status = failures.length === before ? 'ok  ' : 'FAIL';
  console.log(`  ${status} ${label}${detail ? `: ${detail}` : ''} (${((performance.now() - t) / 1000).toFixed(1)}s)`);
}

try {
  await step('links', async () => {
    const r = await crawl();
    return `${r.pages} pages, ${r.links} links, ${r.anchors} anchors, ${r.resources} assets`;
  });
  await step('language switch (guide and home page, both ways)', checkLanguageSwitch);
  await step('search', checkSearch);
  await step(`screenshots in ${screenshotDir}`, takeScreenshots);
} finally {
  await browser.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`docs browser test: ${failures.length} failure(s) in ${seconds}s`);
  for (const message of failures) console.error(`  FAIL ${message}`);
  process.exitCode = 1;
} else {
  console.log(`docs browser test passed in ${seconds}s`);
}

/** A page of our own that reports its bad responses and script errors as failures. */
async function openPage() {
  const page = await browser.newPage();
  page.on('pageerror', (error) => fail(`${page.url()}: script error: ${error.message}`));
  page.on('console', (message) => {
    // A failed load is reported once, by the response listener (or by the crawl, for the pages it fetches).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) fail(`${page.url()}: console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400 && response.request().resourceType() !== 'fetch') {
      fail(`${response.url()} answered ${response.status()} (loaded by ${page.url()})`);
    }
  });
  page.on('requestfailed', (request) => {
    // ERR_ABORTED: the page navigated away before a request finished, which the crawl does on purpose.
    const error = request.failure()?.errorText;
    if (request.url().startsWith(origin) && error !== 'net::ERR_ABORTED') fail(`${request.url()} failed: ${error}`);
  });
  return page;
}

/**
 * Follow every internal link from the home page. The home page is opened with everything running, so the
 * navigation tree TypeDoc builds in the browser is followed too (it is the same on every page). Every other page
 * is fetched by the browser over HTTP and parsed by its HTML parser (no need to lay out 250 pages one by one):
 * each must answer 200, as must every stylesheet, script and image it references, and every `#anchor` must name
 * an id on the page it points to.
 */
async function crawl() {
  const page = await openPage();
  const home = `${origin}/index.html`;
  await visitHome(page, home);
  const report = await page.evaluate(async ({ home, origin }) => {
    const parser = new DOMParser();
    const normalise = (url) => {
      const target = new URL(url);
      const anchor = decodeURIComponent(target.hash.slice(1));
      target.hash = '';
      target.search = '';
      const page = target.pathname.endsWith('/') ? `${target.href}index.html` : target.href;
      return { page, anchor };
    };
    const idsByPage = new Map();
    const anchorLinks = [];
    const problems = [];
    const resources = new Map(); // URL → first page referencing it
    const seen = new Set([home]);
    const queue = [];
    let links = 0;
    const collect = (doc, url) => {
      idsByPage.set(url, new Set([...doc.querySelectorAll('[id], a[name]')].map((el) => el.id || el.getAttribute('name'))));
      for (const a of doc.querySelectorAll('a[href]')) {
        const href = new URL(a.getAttribute('href'), url).href;
        if (!href.startsWith(origin)) continue;
        links++;
        const { page, anchor } = normalise(href);
        if (anchor) anchorLinks.push({ page, anchor, from: url });
        if (!seen.has(page)) {
          seen.add(page);
          queue.push(page);
        }
      }
      for (const el of doc.querySelectorAll('link[href], script[src], img[src]')) {
        const src = new URL(el.getAttribute('href') ?? el.getAttribute('src'), url).href;
        if (src.startsWith(origin) && !resources.has(normalise(src).page)) resources.set(normalise(src).page, url);
      }
    };
    collect(document, home);
    while (queue.length > 0) {
      await Promise.all(
        queue.splice(0, 16).map(async (url) => {
          const response = await fetch(url);
          if (!response.ok) return problems.push(`${url} answered ${response.status}`);
          collect(parser.parseFromString(await response.text(), 'text/html'), url);
        }),
      );
    }
    await Promise.all(
      [...resources].map(async ([url, from]) => {
        const response = await fetch(url);
        if (!response.ok) problems.push(`${url} (used by ${from}) answered ${response.status}`);
      }),
    );
    for (const { page, anchor, from } of anchorLinks) {
      const ids = idsByPage.get(page);
      if (ids && !ids.has(anchor)) problems.push(`${from} links to ${page}#${anchor}: no such anchor`);
    }
    return { pages: idsByPage.size, links, anchors: anchorLinks.length, resources: resources.size, problems };
  }, { home, origin });
  await page.close();
  for (const problem of report.problems) fail(problem);
  return report;
}

/** Open the home page with its scripts and wait for the navigation tree they build. */
async function visitHome(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) throw new Error(`the home page answered ${response?.status()}`);
  await page.waitForSelector('#tsd-nav-container li a', { state: 'attached', timeout: 10_000 });
}

async function checkLanguageSwitch() {
  const page = await openPage();
  const expectLanguage = async (path, htmlLang, label) => {
    await page.waitForURL(`${origin}/${path}`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== htmlLang) fail(`${label}: ${path} has <html lang="${lang}">, expected "${htmlLang}"`);
  };
  await page.goto(`${origin}/guides/en/getting-started.html`);
  await page.click('.coro-lang-switch a[data-coro-lang="zh"]');
  await expectLanguage('guides/zh/getting-started.html', 'zh-CN', 'switch English → 简体中文');
  const heading = await page.textContent('.col-content h1');
  if (!/[\u4e00-\u9fff]/.test(heading ?? '')) fail(`the Chinese getting-started page's heading is not Chinese: ${heading}`);
  await page.click('.coro-lang-switch a[data-coro-lang="en"]');
  await expectLanguage('guides/en/getting-started.html', 'en', 'switch 简体中文 → English');
  await page.goto(`${origin}/index.html`);
  await page.click('.coro-lang-switch a[data-coro-lang="zh"]');
  await expectLanguage('guides/zh/index.html', 'zh-CN', 'home page switch');
  await page.close();
}

/** Type into TypeDoc's search box and follow the first result. */
async function checkSearch() {
  const page = await openPage();
  const searches = [
    { query: 'monkey', expect: /guides\/en\/monkey\.html/ },
    { query: '猴子补丁', expect: /guides\/zh\/monkey\.html/ },
    { query: 'Operation', expect: /_coro_core\.Operation\.html/ },
  ];
  for (const { query, expect } of searches) {
    await page.goto(`${origin}/index.html`);
    await page.click('#tsd-search-trigger');
    await page.fill('#tsd-search-input', query);
    const first = page.locator('#tsd-search-results li a').first();
    try {
      await first.waitFor({ timeout: 10_000 });
    } catch {
      fail(`search "${query}" shows no results`);
      continue;
    }
    const hrefs = await page.$$eval('#tsd-search-results li a', (anchors) => anchors.map((a) => a.href));
    const index = hrefs.findIndex((href) => expect.test(href));
    if (index === -1) {
      fail(`search "${query}" does not offer ${expect}; it offers ${hrefs.slice(0, 5).join(', ')}`);
      continue;
    }
    await page.locator('#tsd-search-results li a').nth(index).click();
    await page.waitForURL(expect);
  }
  await page.close();
  return searches.map((s) => JSON.stringify(s.query)).join(', ');
}

async function takeScreenshots() {
  mkdirSync(screenshotDir, { recursive: true });
  const page = await openPage();
  const shots = [
    { path: 'index.html', file: 'home.png' },
    { path: 'guides/en/getting-started.html', file: 'guide.png' },
    { path: 'guides/zh/concepts.html', file: 'guide-zh.png' },
    { path: 'guides/en/concepts.html#measured-on-the-machine-that-built-this-page', file: 'comparison.png' },
  ];
  for (const { path, file } of shots) {
    await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
    await page.waitForSelector('#tsd-nav-container li a', { state: 'attached', timeout: 10_000 });
    await page.waitForFunction(() => document.body.style.display !== 'none'); // TypeDoc shows the page once ready
    await page.waitForTimeout(300); // and then scrolls to the #anchor
    await page.screenshot({ path: join(screenshotDir, file) });
  }
  await page.close();
  return shots.map((s) => s.file).join(', ');
}
