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

try {
  const visited = await crawl();
  console.log(`  ok   crawled ${visited.pages} pages, ${visited.links} links, ${visited.anchors} anchors`);
  await checkLanguageSwitch();
  await checkSearch();
  await takeScreenshots();
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
    if (message.type() === 'error') fail(`${page.url()}: console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400) {
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
 * Visit every page reachable from the home page. Links are collected from the rendered DOM, so the navigation
 * tree TypeDoc builds in the browser is followed too; every `#anchor` is then checked against the ids of the page
 * it points to.
 */
async function crawl() {
  const page = await openPage();
  const queue = [`${origin}/index.html`];
  const seen = new Set(queue);
  const idsByPage = new Map();
  const anchorLinks = [];
  let links = 0;
  while (queue.length > 0) {
    const url = queue.shift();
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || response.status() !== 200) continue; // reported by the response listener
    if (idsByPage.size === 0) await page.waitForSelector('#tsd-nav-container li a', { state: 'attached', timeout: 10_000 });
    const found = await page.evaluate(() => ({
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.href),
      ids: [...document.querySelectorAll('[id], a[name]')].map((el) => el.id || el.getAttribute('name')),
    }));
    idsByPage.set(url, new Set(found.ids));
    for (const href of found.hrefs) {
      if (!href.startsWith(origin)) continue;
      links++;
      const target = new URL(href);
      const anchor = decodeURIComponent(target.hash.slice(1));
      target.hash = '';
      const pageUrl = target.pathname.endsWith('/') ? `${target.href}index.html` : target.href;
      if (anchor) anchorLinks.push({ pageUrl, anchor, from: url });
      if (!seen.has(pageUrl)) {
        seen.add(pageUrl);
        queue.push(pageUrl);
      }
    }
  }
  await page.close();
  for (const { pageUrl, anchor, from } of anchorLinks) {
    const ids = idsByPage.get(pageUrl);
    if (ids && !ids.has(anchor)) fail(`${from} links to ${pageUrl}#${anchor}: no such anchor`);
  }
  if (process.env.DEBUG_CRAWL) console.log([...idsByPage.keys()].join('\n'));
  return { pages: idsByPage.size, links, anchors: anchorLinks.length };
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
  console.log('  ok   language switch (guide and home page, both ways)');
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
  console.log(`  ok   search (${searches.map((s) => JSON.stringify(s.query)).join(', ')})`);
}

async function takeScreenshots() {
  mkdirSync(screenshotDir, { recursive: true });
  const page = await openPage();
  const shots = [
    { path: 'index.html', file: 'home.png' },
    { path: 'guides/en/getting-started.html', file: 'guide.png' },
    { path: 'guides/zh/concepts.html', file: 'guide-zh.png' },
  ];
  for (const { path, file } of shots) {
    await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
    await page.waitForSelector('#tsd-nav-container li a', { state: 'attached', timeout: 10_000 });
    await page.screenshot({ path: join(screenshotDir, file) });
  }
  await page.close();
  console.log(`  ok   screenshots in ${screenshotDir}: ${shots.map((s) => s.file).join(', ')}`);
}
