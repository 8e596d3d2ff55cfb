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

  test('insufficient credits shows why and spends nothing', async () => {
    const tracked = trackRequests();
    const { user } = renderDemo({ as: 'free' });
    const meter = await creditsMeter();
    const usedBefore = meter.getAttribute('aria-valuenow');

    await user.click(screen.getByRole('radio', { name: /Article/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not enough credits.');
    expect(alert).toHaveTextContent(
      'This article costs 10 credits and you have 2 credits left. Nothing was spent.',
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

    await user.click(screen.getByRole('radio', { name: /Article/ }));
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
