// First visits in Chromium, cold cache, on a slow phone: CPU 4× slower, 1.6 Mbps down,
// 750 kbps up, 150 ms round trip (Chrome DevTools protocol: Emulation.setCPUThrottlingRate,
// Network.emulateNetworkConditions). For each page: Largest Contentful Paint, the time the
// WebAssembly has hydrated it (body[data-hydrated="true"]), and the WebAssembly, JavaScript
// and CSS it downloaded (bytes on the wire, as the server compressed them).
//
//   node .ci/pageload.mjs BASE_URL [RUNS]     prints one JSON line per page, the median of RUNS
//
// Pages: /find-partner as a visitor; /settings/partner-relationships signed in as
// admin@contoso.example (the server must have the demo data: PARTNERHUB_DEMO=1).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'end2end', 'package.json'));
const { chromium } = require('playwright-core');

const base = process.argv[2] ?? 'http://127.0.0.1:3200';
const runs = Number(process.argv[3] ?? 3);
const CONDITIONS = {
  cpu: 4,
  network: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
};
const PAGES = [
  { path: '/find-partner', account: null },
  { path: '/settings/partner-relationships', account: 'admin@contoso.example' },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

/** The cookies of a signed-in session. The sign-in goes to the server function as the sign-in
 * form posts it (the journeys test the form itself): measuring starts on the page after. */
async function signedIn(email) {
  const context = await browser.newContext({ baseURL: base });
  const response = await context.request.post('/api/sign_in', {
    form: { email, password: 'partnerhub-demo' },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`signing in as ${email}: HTTP ${response.status()}`);
  const state = await context.storageState();
  await context.close();
  if (!state.cookies.length) throw new Error(`signing in as ${email} gave no session cookie`);
  return state;
}

/** One cold visit: a new context has an empty HTTP cache (and so no compiled WebAssembly). */
async function visit(target, storageState) {
  const context = await browser.newContext({ baseURL: base, storageState });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.hydrated === 'true') {
        window.__hydrated = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', CONDITIONS.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CONDITIONS.cpu });

  const assets = new Map();
  page.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    if (!/\.(wasm|js|css)$/.test(url.pathname)) return;
    const sizes = await request.sizes().catch(() => null);
    if (sizes) assets.set(url.pathname, sizes.responseBodySize);
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

  const response = await page.goto(target, { waitUntil: 'load', timeout: 60_000 });
  if (!response || response.status() !== 200) throw new Error(`${target}: HTTP ${response?.status()}`);
  if (new URL(page.url()).pathname !== target) throw new Error(`${target}: ended on ${page.url()}`);
  await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached', timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  // LCP is final once the user interacts; until then it is the latest entry.
  const { lcp, hydrated, waterfall } = await page.evaluate(() => ({
    lcp: window.__lcp,
    hydrated: window.__hydrated,
    // Where the time went: each request from its start to its last byte, the page's own first.
    waterfall: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .map((e) => ({ name: new URL(e.name).pathname, start: Math.round(e.startTime), end: Math.round(e.responseEnd) })),
  }));
  await context.close();
  if (errors.length) throw new Error(`${target}: ${errors.join('\n')}`);
  const bytes = [...assets.values()].reduce((sum, size) => sum + size, 0);
  return { lcp, hydrated, bytes, assets: Object.fromEntries(assets), waterfall };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  for (const { path: target, account } of PAGES) {
    const storageState = account ? await signedIn(account) : undefined;
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await visit(target, storageState));
    console.log(JSON.stringify({
      page: target,
      account,
      runs,
      lcp_ms: Math.round(median(results.map((r) => r.lcp))),
      hydrated_ms: Math.round(median(results.map((r) => r.hydrated))),
      lcp_all: results.map((r) => Math.round(r.lcp)),
      hydrated_all: results.map((r) => Math.round(r.hydrated)),
      bytes: results[0].bytes,
      assets: results[0].assets,
      waterfall: results.toSorted((a, b) => a.hydrated - b.hydrated)[Math.floor(runs / 2)].waterfall,
    }));
  }
} finally {
  await browser.close();
}
