import { expect, test } from './fixtures';
import { newPerson, openDirect, PHONE, screenshot, sendMessage } from './helpers';

// "Sent" under one's own last message, then "Seen" once the other person opened the
// conversation; with read receipts turned off in settings it stays "Sent" (both ways).
test('a message shows Sent, then Seen when the other person reads it', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  const bob = await newPerson(browser, 'bob');
  await openDirect(ann.page, bob.name);
  await sendMessage(ann.page, 'are you there?');
  const receipt = ann.page.locator('.receipt');
  await expect(receipt).toHaveText('Sent');

  await bob.page.getByRole('link', { name: new RegExp(ann.name) }).click();
  await expect(bob.page.getByRole('log').getByText('are you there?')).toBeVisible();
  await expect(receipt).toHaveText('Seen');
  await screenshot(ann.page, 'seen-phone');
  // Bob's answer is the newest now: no receipt under anything.
  await sendMessage(bob.page, 'yes');
  await expect(ann.page.getByRole('log').getByText('yes')).toBeVisible();
  await expect(receipt).toHaveCount(0);

  // Bob turns read receipts off: Ann's next message stays "Sent" though he reads it.
  await bob.page.goto('/settings');
  await bob.page.getByRole('button', { name: 'Turn off read receipts' }).click();
  await expect(bob.page.getByText('Read receipts are off.')).toBeVisible();
  await bob.page.goto('/');
  await bob.page.getByRole('link', { name: new RegExp(ann.name) }).click();
  await sendMessage(ann.page, 'and now?');
  await expect(bob.page.getByRole('log').getByText('and now?')).toBeVisible();
  await ann.page.waitForTimeout(1000);
  await expect(receipt).toHaveText('Sent');

  await ann.context.close();
  await bob.context.close();
});
