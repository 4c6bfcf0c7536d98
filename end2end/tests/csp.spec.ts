import { expect, test } from '@playwright/test';

// The guard in fixtures.ts trusts `securitypolicyviolation` events to find violations; this
// shows that the policy is really on and that such an event really fires when it blocks.
test('the page policy blocks an injected inline script and reports it', async ({ page }) => {
  await page.goto('/login');
  const policy = (await page.request.get('/login')).headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'nonce-");
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; directive: string }>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const w = window as unknown as { __injectedRan?: boolean };
          resolve({ ran: w.__injectedRan === true, directive: event.violatedDirective });
        });
        const script = document.createElement('script');
        script.textContent = 'window.__injectedRan = true;';
        document.body.append(script);
      }),
  );
  expect(outcome).toEqual({ ran: false, directive: 'script-src-elem' });
});
