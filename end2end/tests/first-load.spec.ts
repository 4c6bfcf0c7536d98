import type { APIRequestContext, Browser, BrowserContext, Page, Request, Route } from '@playwright/test';
import { askingForMainWasm, MAIN_WASM, pieceWasm, releaseTakesAway, updatedNotice } from './build-files';
import { expect, test } from './fixtures';
import {
  DESKTOP, messageItem, newPerson, openRoom, PHONE, screenshot, sendMessage, signUp, uniqueName, waitUntilOnline,
} from './helpers';

// What the first visit costs. The build's files carry a content hash in their names and come
// compressed (Brotli made at build time) with a year-long cache; the page itself is never
// stored. Then the number a person feels: from navigation to a composer that takes input,
// on a phone-sized page over Chromium's "Fast 4G" profile. Printed, not asserted: a timed
// assertion would flake on a busy machine; docs/performance.md records the figures.

// A phone's processor is slower than this machine's: `PARLEY_E2E_CPU_SLOWDOWN=4` (what
// Lighthouse assumes of a mid-range phone) has Chromium run the page that many times slower.
// The test command does not set it; docs/performance.md records what it measured.
const CPU_SLOWDOWN = Number(process.env.PARLEY_E2E_CPU_SLOWDOWN ?? 1);

// Chromium DevTools' "Fast 4G": 9 Mbit/s down, 1.5 up, each × 0.9, and 60 ms × 2.75 latency.
const FAST_4G = {
  offline: false,
  latency: 165,
  downloadThroughput: (9_000_000 / 8) * 0.9,
  uploadThroughput: (1_500_000 / 8) * 0.9,
};

/**
 * A signed-up person on a phone, in a context without the service worker: it would answer the
 * build's files from its cache, past what a test does to them.
 */
async function annWithoutServiceWorker(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signUp(page, uniqueName('ann'));
  return { context, page };
}

/** Refuses `file` as a dropped network does, until unrouted; returns the count of refusals. */
async function refuse(context: BrowserContext, file: RegExp): Promise<() => number> {
  let refusals = 0;
  await context.route(file, (route) => {
    refusals += 1;
    return route.abort('internetdisconnected');
  });
  return () => refusals;
}

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
    expect(response.headers()['vary'], 'the answer depends on Accept-Encoding').toBe('accept-encoding');
    console.log(`wasm sent with ${encoding}: ${response.headers()['content-length']} bytes`);
  }
  const css = (await page.content()).match(/\/pkg\/parley\.[A-Za-z0-9_-]{8,}\.css/)?.[0];
  expect(css, 'the page names a hashed style sheet').toBeTruthy();
});

// The wasm comes in pieces (src/lazy_pages.rs): the main file and, for each page, the piece
// its code is in, which the page names in its <head> so they download together.
const WASM_BUDGET_GZIP = 250_000;
// A conversation needs the chat's whole client and is not within the budget (docs/performance.md,
// "Where a conversation's 250 KB stands"). This is not a target but a ceiling, 25 KB above
// what it is, so that it cannot grow without someone deciding it should.
const CONVERSATION_CEILING_GZIP = 500_000;

/** The wasm files the page at `path` names (the main file and its piece's). */
async function wasmNamedBy(request: APIRequestContext, path: string): Promise<string[]> {
  const html = await (await request.get(path)).text();
  return [...new Set(html.match(/\/pkg\/[A-Za-z0-9_.-]+\.wasm/g) ?? [])];
}

/** Bytes of `files` as sent with `encoding`. */
async function sentSize(request: APIRequestContext, files: string[], encoding: string): Promise<number> {
  let total = 0;
  for (const file of files) {
    const response = await request.get(file, { headers: { 'Accept-Encoding': encoding } });
    expect(response.headers()['content-encoding']).toBe(encoding);
    total += Number(response.headers()['content-length']);
  }
  return total;
}

test('a first visit downloads the main wasm and its page\'s piece, within the budget', async ({ browser, page }) => {
  const login = await wasmNamedBy(page.request, '/login');
  const main = login.filter((file) => MAIN_WASM.test(file));
  expect(main, 'the login page names the main wasm').toHaveLength(1);
  expect(login.length, 'and the files of its piece').toBeGreaterThan(1);

  // At desktop size, where the list (and its link to settings) shows beside the conversation.
  const ann = await newPerson(browser, 'ann');
  const room = (await ann.page.getByRole('link', { name: /Everyone/ }).getAttribute('href'))!;
  const conversation = await wasmNamedBy(ann.page.request, room);
  expect(conversation).toContain(main[0]);

  const sizes: Record<string, Record<string, number>> = {};
  for (const [name, files] of [['main file', main], ['log-in page', login], ['conversation', conversation]] as const) {
    sizes[name] = { files: files.length };
    for (const encoding of ['gzip', 'br']) sizes[name][encoding] = await sentSize(page.request, [...files], encoding);
    console.log(`wasm for the ${name}: ${files.length} files, ${sizes[name].gzip} bytes gzip, ${sizes[name].br} bytes Brotli`);
    test.info().annotations.push({ type: `wasm-${name}-gzip`, description: String(sizes[name].gzip) });
  }
  // What a new visitor's phone downloads first; a conversation's whole code is not in budget
  // yet (docs/performance.md, "First load").
  expect(sizes['main file'].gzip).toBeLessThanOrEqual(WASM_BUDGET_GZIP);
  expect(sizes['log-in page'].gzip).toBeLessThanOrEqual(WASM_BUDGET_GZIP);
  expect(sizes['conversation'].gzip, 'a conversation grew past its ceiling').toBeLessThanOrEqual(CONVERSATION_CEILING_GZIP);

  // The files a page names are all it needs to come alive: with every other piece refused
  // (as without a network), the conversation still hydrates, connects and sends, also after
  // the background fetch of the other pieces (2 s after hydrating) has failed.
  const refused: string[] = [];
  const onlyTheConversationsFiles = (route: Route) => {
    const path = new URL(route.request().url()).pathname;
    if (conversation.includes(path)) return route.continue();
    refused.push(path);
    return route.abort('internetdisconnected');
  };
  await ann.context.route(/\/pkg\/.*\.wasm$/, onlyTheConversationsFiles);
  await ann.page.goto(room);
  await waitUntilOnline(ann.page);
  await expect.poll(() => refused.length, { message: 'the other pieces are asked for in the background', timeout: 10_000 })
    .toBeGreaterThan(0);
  await sendMessage(ann.page, 'still alive without the other pieces');
  // A message's open menu is drawn by the panes' piece too: without it, the menu says so, and
  // opening it again once the piece can be had shows it.
  const sent = messageItem(ann.page, 'still alive without the other pieces');
  const more = sent.getByRole('button', { name: 'Message actions' });
  await sent.hover();
  await more.click();
  await expect(sent.getByRole('alert')).toContainText('The menu could not be loaded');
  await more.click();
  // What "Search users" finds is drawn by the panes' piece, not the conversation's files: without
  // it the box says so, and the next keystroke tries again.
  const search = ann.page.getByRole('searchbox', { name: 'Search users' });
  await search.fill('nobody by this nam');
  await expect(ann.page.getByRole('alert')).toContainText('Search could not be loaded');
  await ann.context.unroute(/\/pkg\/.*\.wasm$/);
  await search.press('e');
  await expect(ann.page.getByRole('region', { name: 'Search results' })).toContainText('No one by that name.');
  await expect(ann.page.getByText('Search could not be loaded')).toHaveCount(0);
  await sent.hover();
  await more.click();
  await expect(sent.getByRole('menuitem', { name: 'Reply' })).toBeVisible();
  await more.click();
  await search.fill('');
  await ann.context.route(/\/pkg\/.*\.wasm$/, onlyTheConversationsFiles);
  // Opening a page whose piece cannot be had says so, instead of stopping the app.
  await ann.page.getByRole('link', { name: /^Settings for/ }).click();
  await expect(ann.page.getByRole('alert')).toContainText('This page could not be loaded');
  await screenshot(ann.page, 'piece-missing-desktop');
  await ann.page.setViewportSize(PHONE);
  await expect(ann.page.getByRole('link', { name: 'Back to your conversations' })).toBeInViewport();
  await screenshot(ann.page, 'piece-missing-phone');
  await ann.page.setViewportSize(DESKTOP);
  await ann.context.unroute(/\/pkg\/.*\.wasm$/);
  await ann.page.getByRole('link', { name: 'Try again' }).click();
  await expect(ann.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await ann.page.getByRole('link', { name: 'Back to chats' }).click();
  await waitUntilOnline(ann.page);
  await ann.context.close();
});

test('a pane opened by its address names the chat\'s piece and its own, and comes alive with them', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann');
  const room = await wasmNamedBy(ann.page.request, '/');
  const search = await wasmNamedBy(ann.page.request, '/search');
  const piece = (files: string[], name: string) => files.filter((file) => file.includes(`/split_${name}.`));
  expect(piece(room, 'chat_page'), 'the list names the chat\'s piece').toHaveLength(1);
  expect(piece(room, 'pane_page'), 'and not the pane\'s').toHaveLength(0);
  expect(piece(search, 'chat_page'), 'search names the chat\'s piece').toHaveLength(1);
  expect(piece(search, 'pane_page'), 'and its own').toHaveLength(1);
  expect(search.filter((file) => !room.includes(file)).length, 'more files than the list').toBeGreaterThan(0);

  // With only the files the search page names, opened by its address: it hydrates (the
  // socket connects) and a search runs.
  await ann.context.route(/\/pkg\/.*\.wasm$/, (route) =>
    search.includes(new URL(route.request().url()).pathname) ? route.continue() : route.abort('internetdisconnected'));
  await ann.page.goto('/search');
  await waitUntilOnline(ann.page);
  const box = ann.page.getByRole('searchbox', { name: 'Words to find in messages' });
  await box.fill(`nothing${Date.now()}`);
  await box.press('Enter');
  await expect(ann.page).toHaveURL(/\/search\?q=nothing/);
  await expect(ann.page.getByText('No messages with those words.')).toBeVisible();
  await ann.context.unroute(/\/pkg\/.*\.wasm$/);
  await ann.context.close();
});

// The network drops as one of the page's files is fetched, as on a phone between two masts:
// the wasm asks for its piece again (lazy_pages), and a script asks for the main wasm or the
// app's script again (main_wasm_retry; Chromium imports a module again after a failed fetch).
const FILES_REFUSED_ONCE = [
  { what: 'the main wasm', file: MAIN_WASM },
  { what: 'the app\'s script', file: /\/pkg\/parley\.[A-Za-z0-9_-]+\.js$/ },
  { what: 'the conversation\'s piece', file: pieceWasm('chat_page') },
];
for (const { what, file } of FILES_REFUSED_ONCE) {
  test(`a page comes alive without a reload once ${what} can be fetched`, async ({ browser }) => {
    const { context, page } = await annWithoutServiceWorker(browser);
    const refusals = await refuse(context, file);
    await page.goto('/');
    await expect.poll(refusals, { message: 'the file is asked for' }).toBeGreaterThan(0);
    await page.evaluate(() => { (window as unknown as { sameLoad: boolean }).sameLoad = true; });
    await expect(page.locator('.link-bar')).toHaveAttribute('data-link', 'connecting');
    await context.unroute(file);
    // Asked for again 1, 2, 4 and 8 s after each failure: well within the next 15 s.
    await expect(page.locator('.link-bar')).toHaveAttribute('data-link', 'online', { timeout: 15_000 });
    await openRoom(page);
    await sendMessage(page, 'alive once its file came');
    expect(await page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad), 'the same page, not loaded again')
      .toBe(true);
    await context.close();
  });
}

// Back online after the network dropped during a first load: the page asks again for what
// failed at once, not at the end of its wait (1 s after the first failure, up to 10 s later on).
// The page's time moves only as the test moves it, a millisecond at a step where it needs its
// zero-delay timers, and in all less than that first second: only coming back online can have
// brought the file.
for (const { what, file } of [FILES_REFUSED_ONCE[0], FILES_REFUSED_ONCE[2]]) {
  test(`coming back online asks again for ${what} at once`, async ({ browser }) => {
    const { context, page } = await annWithoutServiceWorker(browser);
    const refusals = await refuse(context, file);
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await page.goto('/');
    let pageTime = 0;
    const tick = async () => {
      pageTime += 1;
      expect(pageTime, 'less of the page\'s time than its first wait').toBeLessThan(900);
      await page.clock.runFor(1);
      await page.waitForTimeout(10);
    };
    while (refusals() === 0) await tick();
    await page.waitForTimeout(500); // its time stands still: the failure is handled, the wait begun
    await context.unroute(file);
    await context.setOffline(true);
    await context.setOffline(false);
    const link = page.locator('.link-bar');
    while ((await link.getAttribute('data-link')) !== 'online') await tick();
    await page.clock.resume();
    await openRoom(page);
    await sendMessage(page, 'alive as soon as the network was back');
    await context.close();
  });
}

// A release while a page loads: the old build's files are gone (their names carry their
// content's hash), so asking again would never succeed. The page says so, and its Reload brings
// the new build. For a piece, the main wasm had come before the release: only the script's
// question (a HEAD) finds it gone.
const FILES_GONE = [
  { what: 'main wasm', gone: (request: Request) => MAIN_WASM.test(request.url()) },
  {
    what: 'conversation\'s piece',
    gone: (request: Request) => pieceWasm('chat_page').test(request.url()) || askingForMainWasm(request),
  },
];
for (const { what, gone } of FILES_GONE) {
  test(`a page whose ${what} is gone after a release says so, and Reload brings the new build`, async ({ browser }) => {
    const { context, page } = await annWithoutServiceWorker(browser);
    const releaseOver = await releaseTakesAway(context, gone);
    await page.goto('/');
    const notice = updatedNotice(page);
    await expect(notice).toBeVisible();
    await expect(page.locator('.link-bar')).toHaveAttribute('data-link', 'connecting');
    if (what === 'main wasm') await screenshot(page, 'released-phone');
    await releaseOver();
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('.link-bar')).toHaveAttribute('data-link', 'online');
    await expect(notice).toHaveCount(0);
    await context.close();
  });
}

// The same release met by a running page: the settings' piece, not yet fetched, is gone with
// the build, so "This page could not be loaded" would never change; the page says why.
test('a running page that opens a page gone with a release says so', async ({ browser }) => {
  const { context, page } = await annWithoutServiceWorker(browser);
  await releaseTakesAway(context, (request) => pieceWasm('settings_page').test(request.url()) || askingForMainWasm(request));
  await page.goto('/');
  await waitUntilOnline(page);
  const notice = updatedNotice(page);
  await expect(notice, 'not before the page is opened').toHaveCount(0);
  await page.getByRole('link', { name: /^Settings for/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This page could not be loaded' })).toBeVisible();
  await expect(notice).toBeVisible();
  await screenshot(page, 'released-piece-phone');
  await context.close();
});

// A phone that lost its network while moving to another page: "This page could not be loaded"
// loads the address afresh by itself once the network is back and the server answers, as
// "Try again" would.
test('a page that could not be loaded comes by itself when the network is back', async ({ browser }) => {
  const { context, page } = await annWithoutServiceWorker(browser);
  await refuse(context, pieceWasm('settings_page'));
  await page.goto('/');
  await waitUntilOnline(page);
  await page.getByRole('link', { name: /^Settings for/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This page could not be loaded' })).toBeVisible();
  await context.unroute(pieceWasm('settings_page'));
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByText('This page could not be loaded')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to chats' }).click();
  await waitUntilOnline(page);
  await context.close();
});

test('reaching for "Search users" starts fetching what it finds, before the background fetch', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann');
  // The page's time moves only as the test moves it: a millisecond at a step while the page
  // comes alive (it needs its zero-delay timers), in all far short of the 2 s after which the
  // other pieces are fetched in the background. So only the box can ask for the panes' piece.
  await ann.page.clock.install();
  await ann.page.clock.pauseAt(Date.now() + 1_000);
  const asked: string[] = [];
  ann.page.on('request', (request) => {
    if (pieceWasm('pane_page').test(request.url())) asked.push(request.url());
  });
  await ann.page.goto('/');
  const link = ann.page.locator('.link-bar');
  for (let step = 0; (await link.getAttribute('data-link')) !== 'online'; step++) {
    expect(step, 'the page comes alive within 1.5 s of its own time').toBeLessThan(1_500);
    await ann.page.clock.runFor(1);
    await ann.page.waitForTimeout(10);
  }
  expect(asked, 'nothing asks for the panes\' piece yet').toHaveLength(0);
  const search = ann.page.getByRole('searchbox', { name: 'Search users' });
  await search.focus();
  await expect.poll(() => asked.length, { message: 'focusing the box asks for it' }).toBe(1);
  await ann.page.clock.resume();
  await search.fill('nobody by this name');
  await expect(ann.page.getByRole('region', { name: 'Search results' })).toContainText('No one by that name.');
  expect(asked, 'once').toHaveLength(1);
  await ann.context.close();
});

// When the page came alive and connected, in milliseconds from the start of its navigation
// (`performance.now()`): noted by the page itself, as the link bar turns online. Waiting for it
// with Playwright instead counts to the next of Playwright's polls (100, 250, 500 and 1,000 ms
// apart), which added up to half a second: a page online at 1,100 ms was seen at 1,260.
const RECORD_WHEN_ONLINE = () => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.link-bar[data-link="online"]')) return;
    (window as unknown as { parleyOnlineAt: number }).parleyOnlineAt = performance.now();
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-link'] });
};

test('time to an interactive composer on Fast 4G, phone-sized', async ({ browser }) => {
  // Nine visits of about 1.5 s, and room for two of them to stall for 10 s and be made again.
  test.setTimeout(90_000);
  const ann = await newPerson(browser, 'ann', PHONE);
  const room = await ann.page.getByRole('link', { name: /Everyone/ }).getAttribute('href');
  const storageState = await ann.context.storageState();
  await ann.context.close();

  // A browser context of its own for each first visit (no connections, no cache kept from an
  // earlier one), and without the service worker, whose fetches the page's network emulation
  // would not slow down.
  const phoneOnFast4g = async () => {
    const context = await browser.newContext({ viewport: PHONE, storageState, serviceWorkers: 'block' });
    await context.addInitScript(RECORD_WHEN_ONLINE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_4G);
    if (CPU_SLOWDOWN > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // What tells a stalled visit from a failed one: the page's requests not answered yet, and
    // whether it came alive (after which it fetches the other pieces in the background).
    const unanswered = new Set<Request>();
    page.on('request', (request) => unanswered.add(request));
    page.on('requestfinished', (request) => unanswered.delete(request));
    page.on('requestfailed', (request) => unanswered.delete(request));
    return { context, page, cdp, unanswered, alive: false };
  };
  type Visit = Awaited<ReturnType<typeof phoneOnFast4g>>;
  const timeToComposer = async (visit: Visit) => {
    const { page } = visit;
    visit.alive = false;
    await page.goto(room!, { timeout: 15_000 });
    await waitUntilOnline(page);
    visit.alive = true;
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('x');
    await expect(composer).toHaveValue('x');
    const onlineAt = await page.evaluate(() => (window as unknown as { parleyOnlineAt?: number }).parleyOnlineAt);
    expect(onlineAt, 'the page noted when it came online').toBeGreaterThan(0);
    return Math.round(onlineAt!);
  };
  // Chromium's network emulation now and then stops delivering a page's files altogether:
  // some responses never finish, later requests get no answer, and the page never comes
  // alive. Seen in 3 to 6 of 192 emulated visits and in none of 192 without emulation, while
  // the server sent the same files to rate-limited curl downloads every time
  // (docs/performance.md, "A visit that stalls under Chromium's emulation"). Such a visit (one
  // that never came alive, with requests still unanswered) is made again in a new context, at
  // most twice in the test, and the count is printed; any other failure fails the test, as in
  // any other spec.
  let stalled = 0;
  const measure = async <T>(visits: (fresh: Visit) => Promise<T>) => {
    for (;;) {
      const fresh = await phoneOnFast4g();
      try {
        return await visits(fresh);
      } catch (error) {
        const waiting = fresh.unanswered.size;
        if (fresh.alive || waiting === 0 || ++stalled > 2) throw error;
        console.log(
          `a visit stalled under Chromium's network emulation (${waiting} requests unanswered) and is made again: ${error}`
            .split('\n')[0],
        );
      } finally {
        await fresh.context.close();
      }
    }
  };
  // Several visits of each kind and their median (five first visits noted by the page spanned
  // 35 ms; as Playwright's polls saw them, up to 350 ms).
  // scripts/test runs this test alone, after the two passes, so that they do not slow it.
  const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
  const firsts: number[] = [];
  for (let n = 0; n < 5; n++) {
    firsts.push(
      await measure(async (visit) => {
        await visit.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        return timeToComposer(visit);
      }),
    );
  }
  const agains = await measure(async (visit) => {
    await timeToComposer(visit); // fills the HTTP cache
    const times: number[] = [];
    for (let n = 0; n < 3; n++) times.push(await timeToComposer(visit));
    return times;
  });
  const [first, again] = [median(firsts), median(agains)];
  console.log(
    `time to an interactive composer on Fast 4G (390x844${CPU_SLOWDOWN > 1 ? `, processor ${CPU_SLOWDOWN}× slower` : ''}): first visit ${first} ms, ` +
      `with the files cached ${again} ms (medians; first visits ${firsts.join(', ')} ms; ` +
      `cached ${agains.join(', ')} ms; visits stalled and made again: ${stalled})`,
  );
  test.info().annotations.push({ type: 'fast-4g-first-visit-ms', description: String(first) });
  test.info().annotations.push({ type: 'fast-4g-cached-ms', description: String(again) });
});
