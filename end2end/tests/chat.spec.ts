import { expect, test } from './fixtures';
import { openRoom, screenshot, signUp, uniqueName, waitUntilOnline } from './helpers';

test('a message sent by one user appears for another without reloading', async ({ browser }) => {
  const annContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bobContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const ann = await annContext.newPage();
  const bob = await bobContext.newPage();
  const annName = uniqueName('ann');
  const bobName = uniqueName('bob');
  await signUp(ann, annName);
  await signUp(bob, bobName);
  await openRoom(ann);
  await openRoom(bob);
  await waitUntilOnline(ann);
  await waitUntilOnline(bob);

  const hello = `Hello from ${annName} <b>not bold</b>`;
  await ann.getByRole('textbox', { name: 'Message' }).fill(hello);
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(bob.getByRole('log').getByText(hello)).toBeVisible();
  await expect(ann.getByRole('log').getByText(hello)).toHaveCount(1);
  await expect(ann.getByRole('img', { name: 'Sending' })).toHaveCount(0);

  // Enter sends; Shift+Enter makes a new line instead.
  const box = bob.getByRole('textbox', { name: 'Message' });
  await box.fill(`Hi ${annName}`);
  await box.press('Shift+Enter');
  await box.pressSequentially('second line');
  await box.press('Enter');
  await expect(ann.getByRole('log').getByText(`Hi ${annName}\nsecond line`)).toBeVisible();
  await expect(box).toHaveValue('');

  await screenshot(ann, 'chat-desktop');
  await annContext.close();
  await bobContext.close();
});

test('an empty or too long message gets a clear error and is not sent', async ({ page }) => {
  await signUp(page, uniqueName('cat'));
  await openRoom(page);
  await waitUntilOnline(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Type a message first.');
  await box.fill('x'.repeat(4001));
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert')).toContainText('at most 4,000 characters');
  await expect(page.getByRole('img', { name: 'Sending' })).toHaveCount(0);
});

test('messages survive a reload exactly once', async ({ page }) => {
  await signUp(page, uniqueName('dan'));
  await openRoom(page);
  await waitUntilOnline(page);
  const text = `kept ${uniqueName('msg')}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('img', { name: 'Sending' })).toHaveCount(0);
  await page.reload();
  await waitUntilOnline(page);
  await expect(page.getByRole('log').getByText(text)).toHaveCount(1);
});
