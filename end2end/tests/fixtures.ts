import { expect, test as base, type BrowserContext } from '@playwright/test';

/**
 * Every spec imports `test` from here. It watches every page of every browser context the test
 * opens (the default one and those made with `browser.newContext()`) for Content-Security-Policy
 * violations, and fails the test if the page reported any: the policy must never block
 * something Parley itself does.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = async (watched: BrowserContext) => {
        await watched.exposeBinding('__parleyCspViolation', (_source, text: string) => {
          violations.push(text);
        });
        await watched.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) => {
            const report = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`;
            (window as unknown as { __parleyCspViolation: (t: string) => void }).__parleyCspViolation(report);
          });
        });
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        await watch(created);
        return created;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
