import { expect, test } from './fixtures';
import { messageItem, newPerson, openDirect, PHONE, screenshot, sendMessage } from './helpers';

// "bob is typing…" under the conversation and "typing…" in the list, gone when the box is
// emptied, when the message arrives, and some seconds after the typist's tab went away.
test('typing shows under the conversation and in the list, and goes away', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann');
  const bob = await newPerson(browser, 'bob');
  await openDirect(bob.page, ann.name);
  await sendMessage(bob.page, 'hi ann');
  const row = ann.page.getByRole('link', { name: new RegExp(bob.name) });
  await row.click();
  await expect(messageItem(ann.page, 'hi ann')).toBeVisible();
  const line = ann.page.locator('.typing-line');
  const box = bob.page.getByRole('textbox', { name: 'Message' });

  await box.pressSequentially('how are');
  await expect(line).toHaveText(`${bob.name} is typing…`);
  await expect(row).toContainText('typing…');
  await ann.page.setViewportSize(PHONE);
  await screenshot(ann.page, 'typing-phone');
  await ann.page.setViewportSize({ width: 1280, height: 800 });

  // Emptied: gone at once, not after the timeout.
  await box.fill('');
  await box.dispatchEvent('input');
  await expect(line).toHaveText('', { timeout: 2000 });
  await expect(row).toContainText('hi ann');

  // Sent: the message replaces it.
  await box.pressSequentially('fine');
  await expect(line).toHaveText(`${bob.name} is typing…`);
  await box.press('Enter');
  await expect(messageItem(ann.page, 'fine')).toBeVisible();
  await expect(line).toHaveText('');

  // A typist whose tab closes says nothing more: forgotten after about six seconds.
  await box.pressSequentially('one more');
  await expect(line).toHaveText(`${bob.name} is typing…`);
  await bob.context.close();
  await expect(line).toHaveText('', { timeout: 9000 });

  await ann.context.close();
});

test('nobody is shown typing in the room everyone is in', async ({ browser }) => {
  const cat = await newPerson(browser, 'cat');
  const dan = await newPerson(browser, 'dan');
  for (const p of [cat, dan]) await p.page.getByRole('link', { name: /Everyone/ }).click();
  await dan.page.getByRole('textbox', { name: 'Message' }).pressSequentially('typing in the room');
  await cat.page.waitForTimeout(1000);
  await expect(cat.page.locator('.typing-line')).toHaveText('');
  await cat.context.close();
  await dan.context.close();
});
