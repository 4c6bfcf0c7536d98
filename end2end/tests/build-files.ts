import type { BrowserContext, Locator, Page, Request, Route } from '@playwright/test';

// The build's files as tests meet them: their hashed names, and a release that takes them away.

/** The main wasm, by its hashed name. */
export const MAIN_WASM = /\/pkg\/parley\.[A-Za-z0-9_-]+\.wasm$/;

/** A piece's own wasm file (`lazy_pages`), by its hashed name. */
export const pieceWasm = (name: string) => new RegExp(`/pkg/split_${name}\\.[A-Za-z0-9_-]+\\.wasm$`);

/** The page's own question whether its build is still there (`main_wasm_retry`). */
export const askingForMainWasm = (request: Request) => MAIN_WASM.test(request.url()) && request.method() === 'HEAD';

/**
 * Answers 404 for the build's files `gone` picks, as the server does once a release replaced the
 * build. Returns what undoes it: the release is over, the new build is served.
 */
export async function releaseTakesAway(context: BrowserContext, gone: (request: Request) => boolean): Promise<() => Promise<void>> {
  const released = (route: Route) => (gone(route.request()) ? route.fulfill({ status: 404, body: 'Not Found' }) : route.fallback());
  await context.route('**/pkg/**', released);
  return () => context.unroute('**/pkg/**', released);
}

/** What a page says once its build is gone. */
export function updatedNotice(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: 'Parley has been updated. Reload the page to go on.' });
}
