import { expect, test } from './fixtures';
import { newPerson, PHONE, waitUntilOnline } from './helpers';

// What the first visit costs. The build's files carry a content hash in their names and come
// compressed (Brotli made at build time) with a year-long cache; the page itself is never
// stored. Then the number a person feels: from navigation to a composer that takes input,
// on a phone-sized page over Chromium's "Fast 4G" profile. Printed, not asserted: a timed
// assertion would flake on a busy machine; docs/performance.md records the figures.

// Chromium DevTools' "Fast 4G": 9 Mbit/s down, 1.5 up, each × 0.9, and 60 ms × 2.75 latency.
const FAST_4G = {
  offline: false,
  latency: 165,
  downloadThroughput: (9_000_000 / 8) * 0.9,
  uploadThroughput: (1_500_000 / 8) * 0.9,
};

test('the wasm comes compressed with Brotli and is kept for a year; pages are not stored', async ({ page }) => {
  const login = await page.goto('/login');
  expect(login?.headers()['cache-control']).toBe('no-store');
  const wasm = (await page.content()).match(/\/pkg\/parley\.[A-Za-z0-9_-]{8,}\.wasm/)?.[0];
  expect(wasm, 'the page names a hashed wasm').toBeTruthy();
  for (const [accept, encoding] of [['br', 'br'], ['gzip', 'gzip']]) {
    const response = await page.request.get(wasm!, { headers: { 'Accept-Encoding': accept } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-encoding']).toBe(encoding);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    console.log(`wasm sent with ${encoding}: ${response.headers()['content-length']} bytes`);
  }
  const css = (await page.content()).match(/\/pkg\/parley\.[A-Za-z0-9_-]{8,}\.css/)?.[0];
  expect(css, 'the page names a hashed style sheet').toBeTruthy();
});

test('time to an interactive composer on Fast 4G, phone-sized', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  const room = await ann.page.getByRole('link', { name: /Everyone/ }).getAttribute('href');
  const storageState = await ann.context.storageState();
  await ann.context.close();

  // A context of its own without the service worker, whose fetches the page's network
  // emulation would not slow down.
  const context = await browser.newContext({ viewport: PHONE, storageState, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_4G);

  const timeToComposer = async () => {
    const started = Date.now();
    await page.goto(room!);
    await waitUntilOnline(page);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('x');
    await expect(composer).toHaveValue('x');
    return Date.now() - started;
  };
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const first = await timeToComposer();
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await timeToComposer(); // fills the HTTP cache
  const again = await timeToComposer();
  console.log(`time to an interactive composer on Fast 4G (390x844): first visit ${first} ms, with the files cached ${again} ms`);
  test.info().annotations.push({ type: 'fast-4g-first-visit-ms', description: String(first) });
  test.info().annotations.push({ type: 'fast-4g-cached-ms', description: String(again) });
  await context.close();
});
