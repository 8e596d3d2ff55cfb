// @vitest-environment jsdom

import { mockRoute } from '@billing-kit/mocks';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, test } from 'vitest';
import { billingServer, renderDemo } from '../test/render-demo.tsx';

const creditsMeter = () =>
  within(screen.getByRole('complementary', { name: 'Your credits' })).findByRole('meter', {
    name: 'Credits',
  });

function trackRequests() {
  const tracked: string[] = [];
  billingServer.events.on('request:start', ({ request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/track'))
      tracked.push(request.url);
  });
  return tracked;
}

/** Every billing POST as `<route tail> <body>`, with reserve's Idempotency-Key. */
function billingPosts() {
  const posts: { path: string; body: string; idempotencyKey: string | null }[] = [];
  billingServer.events.on('request:start', async ({ request }) => {
    if (request.method !== 'POST') return;
    const path = new URL(request.url).pathname.replace(/^.*\/accounts\/[^/]+/, '');
    const body = await request.clone().text();
    posts.push({ path, body, idempotencyKey: request.headers.get('idempotency-key') });
  });
  return posts;
}

describe('Write', () => {
  test('Generate spends the draft’s credits and the meter beside it moves', async () => {
    const { user } = renderDemo({ as: 'pro' });
    expect(await creditsMeter()).toHaveAttribute('aria-valuenow', '465');

    await user.click(screen.getByRole('radio', { name: /Paragraph/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const draft = await screen.findByRole('article', { name: 'Your draft' });
    expect(draft).toHaveTextContent('Spent 3 credits');
    await expect.poll(async () => (await creditsMeter()).getAttribute('aria-valuenow')).toBe('468');
  });

  test('an article holds its credits while it writes, then confirms what it used and the rest comes back', async () => {
    const posts = billingPosts();
    const { user } = renderDemo({ as: 'pro' });
    expect(await creditsMeter()).toHaveAttribute('aria-valuetext', '465 of 550 used');

    await user.click(screen.getByRole('radio', { name: /Article \(up to 10 credits\)/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    expect(
      await screen.findByText('Holding 10 credits while Quill writes your article…'),
    ).toBeInTheDocument();
    const meter = await creditsMeter();
    expect(meter).toHaveAttribute('aria-valuetext', '465 of 550 used, 10 held');
    expect(meter.querySelector('.bk-meter__held')).toHaveStyle({ inlineSize: '1.82%' });
    expect(screen.getByRole('button', { name: 'Stop' })).toBeEnabled();

    const draft = await screen.findByRole('article', { name: 'Your draft' }, { timeout: 5_000 });
    expect(draft).toHaveTextContent('Spent 8 credits · 10 held, 2 returned · 77 left');
    expect(screen.queryByText(/^Holding /)).not.toBeInTheDocument();
    await expect
      .poll(async () => (await creditsMeter()).getAttribute('aria-valuetext'))
      .toBe('473 of 550 used');
    expect(posts.map(({ path, body }) => [path, body])).toEqual([
      ['/reservations', JSON.stringify({ feature: 'credits', amount: 10, ttlSeconds: 120 })],
      [expect.stringMatching(/^\/reservations\/\d+\/confirm$/), JSON.stringify({ amount: 8 })],
    ]);
    expect(posts[0]?.idempotencyKey).toMatch(/^draft-[0-9a-z]+$/);
  });

  test('Stop while an article is written releases its hold: nothing is spent', async () => {
    const posts = billingPosts();
    const { user } = renderDemo({ as: 'pro' });
    await creditsMeter();

    await user.click(screen.getByRole('radio', { name: /Article/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await user.click(await screen.findByRole('button', { name: 'Stop' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Stopped. The 10 credits held for it went back. Nothing was spent.');
    // The Stop button is gone with its hold; focus is back in the prompt, not lost to the page.
    expect(screen.getByRole('textbox', { name: 'What should Quill write?' })).toHaveFocus();
    await expect
      .poll(async () => (await creditsMeter()).getAttribute('aria-valuetext'))
      .toBe('465 of 550 used');
    expect(posts.map(({ path }) => path)).toEqual([
      '/reservations',
      expect.stringMatching(/^\/reservations\/\d+\/release$/),
    ]);
    expect(screen.queryByRole('article', { name: 'Your draft' })).not.toBeInTheDocument();
  });

  test('an article that cannot hold its credits says so and spends nothing', async () => {
    const posts = billingPosts();
    const { user } = renderDemo({ as: 'free' });
    const usedBefore = (await creditsMeter()).getAttribute('aria-valuenow');

    await user.click(screen.getByRole('radio', { name: /Article/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Not enough credits. An article holds 10 credits before it starts and you have 2 credits left. Nothing was spent.',
    );
    expect(posts.map(({ path }) => path)).toEqual(['/reservations']);
    expect(screen.queryByText(/^Holding /)).not.toBeInTheDocument();
    expect((await creditsMeter()).getAttribute('aria-valuenow')).toBe(usedBefore);
  });

  test('insufficient credits shows why and spends nothing', async () => {
    const tracked = trackRequests();
    const { user } = renderDemo({ as: 'free' });
    const meter = await creditsMeter();
    const usedBefore = meter.getAttribute('aria-valuenow');

    await user.click(screen.getByRole('radio', { name: /Paragraph/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not enough credits.');
    expect(alert).toHaveTextContent(
      'This paragraph costs 3 credits and you have 2 credits left. Nothing was spent.',
    );
    expect(within(alert).getByRole('link', { name: 'See plans and credit packs' })).toHaveAttribute(
      'href',
      '#/pricing',
    );
    expect(screen.queryByRole('article', { name: 'Your draft' })).not.toBeInTheDocument();
    expect(tracked).toEqual([]);
    expect((await creditsMeter()).getAttribute('aria-valuenow')).toBe(usedBefore);
  });

  test('credits gone between check and track: the 402 from track is shown and nothing is spent', async () => {
    const tracked = trackRequests();
    const { user } = renderDemo({ as: 'free' });
    const usedBefore = (await creditsMeter()).getAttribute('aria-valuenow');
    // Another tab spent them after `check` said yes. (After render: activating a persona resets the handlers.)
    billingServer.use(
      mockRoute('check', ({ body }) => ({
        allowed: true,
        feature: body.feature,
        kind: 'metered',
        requested: body.amount,
        unlimited: false,
        limit: 5,
        remaining: 5,
        resetsAt: null,
        overage: false,
        reason: null,
      })),
    );

    await user.click(screen.getByRole('radio', { name: /Paragraph/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not enough credits.');
    expect(alert).toHaveTextContent('Nothing was spent.');
    expect(tracked).toHaveLength(1);
    expect(screen.queryByRole('article', { name: 'Your draft' })).not.toBeInTheDocument();
    expect((await creditsMeter()).getAttribute('aria-valuenow')).toBe(usedBefore);
  });

  test('on an unlimited plan a draft is recorded and nothing runs out', async () => {
    const { user } = renderDemo({ as: 'enterprise' });
    const usage = screen.getByRole('complementary', { name: 'Your credits' });
    expect(await within(usage).findByRole('group', { name: 'Credits' })).toHaveTextContent('Unlimited');

    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const draft = await screen.findByRole('article', { name: 'Your draft' });
    expect(draft).toHaveTextContent('Spent 3 credits');
    expect(draft).not.toHaveTextContent('left');
  });

  test('billing unreachable: check fails closed, the draft is not written and that is said plainly', async () => {
    const tracked = trackRequests();
    const { user } = renderDemo({ as: 'pro' });
    await creditsMeter();
    billingServer.use(http.post('*/api/billing/accounts/:accountId/check', () => HttpResponse.error()));

    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Billing could not be reached. Nothing was spent; try again in a moment.',
    );
    expect(within(alert).queryByRole('link')).not.toBeInTheDocument();
    expect(tracked).toEqual([]);
  });
});
