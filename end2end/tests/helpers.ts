import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

export const PASSWORD = 'correct horse battery';

/** A username no earlier run has taken. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Signs up and lands on the conversation list. */
export async function signUp(page: Page, name: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Email').fill(`${name}@example.org`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expectConversationList(page);
}

/** Logs in as an existing account and waits until the socket is connected. */
export async function logIn(page: Page, name: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await waitUntilOnline(page);
}

/** Logs out from the settings page, where "Log out" lives (the list's avatar opens it). */
export async function logOut(page: Page): Promise<void> {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
}

export async function expectConversationList(page: Page): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
}

/** Opens the room everyone is in from the list. */
export async function openRoom(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Everyone/ }).click();
  await expect(page.getByRole('heading', { name: 'Everyone' })).toBeVisible();
}

/** Finds `name` with "Search users" and opens the direct conversation with them. */
export async function openDirect(page: Page, name: string): Promise<void> {
  // Typed before hydration, the name is searched for only once the page is alive
  // (before-hydration.spec.ts); waiting first keeps this helper's timing plain.
  await waitUntilOnline(page);
  // The whole name (in capitals: the search ignores case): a short prefix such as "ANN_MW"
  // matches every ann of the run, more than the first page of 20 once the suite is long.
  await page.getByRole('searchbox', { name: 'Search users' }).fill(name.toUpperCase());
  const result = page.getByRole('region', { name: 'Search results' }).getByRole('listitem').filter({ hasText: name });
  await result.getByRole('button', { name: 'Message' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page).toHaveURL(/\/c\/\d+$/);
}

/** Waits until the page is hydrated and its socket is connected. */
export async function waitUntilOnline(page: Page): Promise<void> {
  // The connection bar shows only while not connected; its state is in `data-link`.
  await expect(page.locator('.link-bar')).toHaveAttribute('data-link', 'online');
}

/** Where screenshots go: each pass of scripts/test that runs at the same time has its own. */
export function screenshotPath(name: string): string {
  return `${process.env.PARLEY_E2E_SCREENSHOTS ?? 'screenshots'}/${name}.png`;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export type Person = { context: BrowserContext; page: Page; name: string };

/** A new account in a browser context of its own, signed up and connected. */
export async function newPerson(
  browser: Browser,
  prefix: string,
  viewport: { width: number; height: number } = DESKTOP,
  touch = false,
): Promise<Person> {
  const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const name = uniqueName(prefix);
  await signUp(page, name);
  await waitUntilOnline(page);
  return { context, page, name };
}

/** Finds `who` in a people picker (new group, group info) and adds them. */
export async function pick(person: Person, who: string) {
  await person.page.getByRole('searchbox', { name: 'Search people to add' }).fill(who.toUpperCase());
  await person.page.getByRole('button', { name: `Add ${who}` }).click();
  await expect(person.page.getByRole('list', { name: 'People picked' })).toContainText(who);
}

/** The message in the open conversation whose text contains `text`. */
export function messageItem(page: Page, text: string): Locator {
  return page.getByRole('log').getByRole('listitem').filter({ hasText: text });
}

/** Sends `text` with the Send button and waits until the server has stored it. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(messageItem(page, text).locator('.tick[aria-label="Sent"]')).toBeVisible();
}

/**
 * Routes a context's sockets through Playwright, so a test can really close them (a phone that
 * slept, a lost network) and refuse new ones until it says otherwise.
 */
export async function controlSockets(context: BrowserContext) {
  let refusing = false;
  const open: { close: () => Promise<void> }[] = [];
  await context.routeWebSocket(/\/ws$/, (socket) => {
    if (refusing) {
      void socket.close({ code: 1012 });
      return;
    }
    socket.connectToServer();
    open.push(socket);
  });
  return {
    /** Closes every open socket and refuses new ones. */
    async cut(): Promise<void> {
      refusing = true;
      for (const socket of open.splice(0)) await socket.close();
    },
    restore(): void {
      refusing = false;
    },
  };
}

/**
 * A signed-up person on a phone whose wasm downloads wait until `release` is called. `held()`
 * counts the requests held so far: poll it, since the browser may ask for the wasm a moment
 * after the page shows (a CI run under load once read 0 there).
 */
export async function personWithHeldWasm(browser: Browser, options: { timezoneId?: string } = {}) {
  // No service worker: it could answer the wasm from its cache, past the hold.
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  const name = uniqueName('ann');
  await signUp(page, name);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await context.route(/\/pkg\/.*\.wasm$/, async (route) => {
    held += 1;
    await released;
    await route.continue();
  });
  return { context, page, name, release, held: () => held };
}

/**
 * Waits until local midnight has passed if it is less than a minute away: a new day starts a
 * new group of messages under a new day's label, so a test of those must not straddle one (one
 * CI run at 00:00 found Ann's three messages in two groups). Browser and test share the zone.
 */
export async function notAcrossMidnight(page: Page): Promise<void> {
  const now = new Date();
  const left = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
  if (left > 60_000) return;
  test.info().setTimeout(test.info().timeout + left + 1_000);
  await page.waitForTimeout(left + 1_000);
}

/** The element's opacity as drawn (`0.6` is how a disabled button looks, style/main.css). */
export function opacityOf(element: Locator): () => Promise<string> {
  return () => element.evaluate((e) => getComputedStyle(e).opacity);
}

/** The mouse pointer over an element; a disabled button shows the busy one only while it waits. */
export function cursorOf(element: Locator): Promise<string> {
  return element.evaluate((e) => getComputedStyle(e).cursor);
}
