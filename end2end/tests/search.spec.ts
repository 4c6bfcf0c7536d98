import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DESKTOP, messageItem, newPerson, openDirect, PHONE, screenshot, sendMessage } from './helpers';

// Search in messages: from the list's search button to the message, in its conversation,
// even when it is further back than the first page; and nobody else's conversations.

/**
 * Sends messages over HTTP from the page (as the send form does), faster than typing them;
 * past the sending rate limit each waits and is sent again, as the app's own sending does.
 */
async function sendMany(page: Page, texts: string[]): Promise<void> {
  const conversationId = new URL(page.url()).pathname.split('/').pop()!;
  await page.evaluate(async ({ conversationId, texts }) => {
    for (const [n, body] of texts.entries()) {
      const form = new URLSearchParams({ conversation_id: conversationId, client_id: `search-fill-${n}-${Date.now()}`, body });
      for (;;) {
        const response = await fetch('/api/chat/send', { method: 'POST', body: form });
        if (response.ok) break;
        if (response.status !== 429) throw new Error(`send failed: ${response.status}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }, { conversationId, texts });
}

async function searchFor(page: Page, words: string): Promise<void> {
  await page.getByRole('link', { name: 'Search messages' }).click();
  const box = page.getByRole('searchbox', { name: 'Words to find in messages' });
  await box.fill(words);
  await box.press('Enter');
  // Only the words: no stray empty field from the Search button.
  await expect(page).toHaveURL(/\/search\?q=[^&]+$/);
}

test('a search finds the message and opens its conversation there', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', DESKTOP);
  const bob = await newPerson(browser, 'bob', PHONE);
  const cat = await newPerson(browser, 'cat', DESKTOP);
  const word = `kayak${Date.now() % 1_000_000}`;
  await openDirect(ann.page, bob.name);
  await sendMessage(ann.page, `Shall we rent a ${word} at the lake on Sunday?`);
  // Sixty newer messages: the found one is not on the conversation's first page.
  await sendMany(ann.page, Array.from({ length: 60 }, (_, n) => `filler ${n + 1} of 60`));

  await searchFor(bob.page, `${word} LAKE`);
  const results = bob.page.getByRole('list', { name: 'Messages found' });
  const result = results.getByRole('listitem');
  await expect(result).toHaveCount(1);
  await expect(result).toContainText(ann.name);
  await expect(result.locator('mark')).toHaveText([word, 'lake']);
  await screenshot(bob.page, 'search-results-phone');
  await bob.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(bob.page, 'search-results-phone-dark');
  await bob.page.emulateMedia({ colorScheme: 'light' });

  await result.getByRole('link').click();
  await expect(bob.page).toHaveURL(/\/c\/\d+\?at=\d+$/);
  const found = messageItem(bob.page, word);
  await expect(found).toBeInViewport();
  // And it stays there once everything has loaded (an older page that was being fetched as
  // the list opened once put the scroll back below it).
  await expect(bob.page.locator('[data-flash]')).toHaveCount(0);
  await expect(found).toBeInViewport();
  await screenshot(bob.page, 'search-opened-at-message-phone');

  // Cat is not in their conversation: the same words find nothing for her.
  await searchFor(cat.page, word);
  await expect(cat.page.getByText('No messages with those words.')).toBeVisible();
  await expect(cat.page.getByRole('list', { name: 'Messages found' }).getByRole('listitem')).toHaveCount(0);

  // Ann on a wide screen: the results sit beside the list.
  await searchFor(ann.page, 'filler 60');
  await expect(ann.page.getByRole('list', { name: 'Messages found' }).getByRole('listitem').first()).toContainText('filler 60 of 60');
  await screenshot(ann.page, 'search-results-desktop');
});

test('a query that is too long is refused with a message', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', DESKTOP);
  await ann.page.goto(`/search?q=${'word '.repeat(50)}`);
  await expect(ann.page.getByRole('alert').filter({ hasText: 'Search for at most 200 characters.' })).toBeVisible();
});
