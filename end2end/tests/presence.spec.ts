import { expect, test } from './fixtures';
import { controlSockets, newPerson, openDirect, PHONE, screenshot, sendMessage, waitUntilOnline } from './helpers';

// The green dot and "online" while the other person has the app open; "last seen just now"
// once their browser is closed (after the server's grace period of 5 s). Nothing before the
// conversation is in their list too: opening one with someone does not show whether they are
// online; its first message does.
test('the other person shows online, then last seen when their browser closes', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  const bob = await newPerson(browser, 'bob');
  await openDirect(ann.page, bob.name);
  const header = ann.page.locator('.chat-header');
  const annSockets = await controlSockets(ann.context);
  // Loaded again, so that what the header shows is what the server says, not a moment before.
  await ann.page.reload();
  await waitUntilOnline(ann.page);
  await expect(header.locator('h1')).toHaveText(bob.name);
  await expect(header.locator('.presence-line')).toHaveText('');
  await expect(header.getByRole('img', { name: 'Online' })).toHaveCount(0);

  await sendMessage(ann.page, 'hi Bob');
  await expect(header.getByRole('img', { name: 'Online' })).toBeVisible();
  await expect(header.locator('.presence-line')).toHaveText('online');
  await screenshot(ann.page, 'presence-online-phone');

  // In the list too, on Bob's line.
  await ann.page.getByRole('link', { name: 'Back to conversations' }).click();
  const line = ann.page.getByRole('link', { name: new RegExp(bob.name) });
  await expect(line.getByRole('img', { name: 'Online' })).toBeVisible();
  await line.click();
  await expect(header.getByRole('img', { name: 'Online' })).toBeVisible();

  // While Ann's own connection is down, "online" may no longer be true: nobody shows online.
  await annSockets.cut();
  await expect(header.getByRole('img', { name: 'Online' })).toHaveCount(0);
  await expect(header.locator('.presence-line')).toHaveText('');
  annSockets.restore();
  await waitUntilOnline(ann.page);
  await expect(header.getByRole('img', { name: 'Online' })).toBeVisible();
  await expect(header.locator('.presence-line')).toHaveText('online');

  await bob.context.close();
  await expect(header.locator('.presence-line')).toHaveText('last seen just now', { timeout: 15_000 });
  await expect(header.getByRole('img', { name: 'Online' })).toHaveCount(0);
  await screenshot(ann.page, 'presence-last-seen-phone');

  // Hidden in settings: Ann's header then shows nothing about anyone.
  await ann.page.goto('/settings');
  await ann.page.getByRole('button', { name: 'Hide my online status' }).click();
  await expect(ann.page.getByText('Your online status is hidden.')).toBeVisible();
  await ann.page.goto('/');
  await ann.page.getByRole('link', { name: new RegExp(bob.name) }).click();
  await expect(header.locator('h1')).toHaveText(bob.name);
  await expect(header.locator('.presence-line')).toHaveText('');
  await ann.context.close();
});
