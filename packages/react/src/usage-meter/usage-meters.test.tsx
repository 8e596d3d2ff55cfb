import { composeStories } from '@storybook/react-vite';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import * as stories from './usage-meters.stories.js';

const {
  NearQuota,
  WithHeldUnits,
  PooledFeatures,
  OverQuota,
  Unlimited,
  FreeDaily,
  Compact,
  ServerError,
  Loading,
} = composeStories(stories);

async function show(Story: typeof NearQuota) {
  await Story.load();
  return render(<Story />);
}

describe('UsageMeters', () => {
  test('a Pro account near its quota warns on credits and says when they reset', async () => {
    await show(NearQuota);
    const credits = await screen.findByRole('meter', { name: 'Credits' });
    expect(credits).toHaveAttribute('data-state', 'warning');
    expect(Number(credits.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(
      0.8 * Number(credits.getAttribute('aria-valuemax')),
    );
    expect(credits).toHaveAccessibleName('Credits');
    expect(within(credits).getByText(/^Resets /)).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'API calls' })).toBeInTheDocument();
  });

  test('a feature priced in credits, asked for by key, shows the pool’s meter in credits and its cost', async () => {
    const { container } = await show(PooledFeatures);
    await PooledFeatures.play?.({ canvasElement: container });
    const messages = await screen.findByRole('meter', { name: 'Chat messages' });
    expect(messages).toHaveAttribute('aria-valuenow', '465');
    expect(within(messages).getByText('Paid in credits: 1 per use, enough for 85 more')).toBeInTheDocument();
    expect(screen.getAllByRole('meter').map((meter) => meter.getAttribute('aria-labelledby'))).toHaveLength(
      3,
    );
  });

  test('by default a feature priced in credits has no meter of its own', async () => {
    await show(NearQuota);
    await screen.findByRole('meter', { name: 'Credits' });
    expect(screen.queryByRole('meter', { name: 'Image generations' })).not.toBeInTheDocument();
  });

  test('units held by jobs in flight show as a segment after the used part and in the value, read out too', async () => {
    const { container } = await show(WithHeldUnits);
    const credits = await screen.findByRole('meter', { name: 'Credits' });
    await WithHeldUnits.play?.({ canvasElement: container });
    expect(credits).toHaveAttribute('aria-valuenow', '465');
    expect(credits).toHaveAttribute('aria-valuetext', '465 of 550 used, 42 held');
    expect(within(credits).getByText(/465 \/ 550/)).toHaveTextContent('465 / 550 · 42 held');
    const held = credits.querySelector('.bk-meter__held');
    expect(held).toHaveStyle({ inlineSize: '7.64%' });
    expect(credits.querySelector('.bk-meter__fill')).toHaveStyle({ inlineSize: '84.55%' });
    const tokens = screen.getByRole('meter', { name: 'AI tokens' });
    expect(tokens.getAttribute('aria-valuetext')).toMatch(/, 20,000 held$/);
    expect(screen.getByRole('meter', { name: 'API calls' }).getAttribute('aria-valuetext')).not.toMatch(
      /held/,
    );
  });

  test('nothing held, nothing said about holds', async () => {
    await show(NearQuota);
    const credits = await screen.findByRole('meter', { name: 'Credits' });
    expect(credits).toHaveAttribute('aria-valuetext', '465 of 550 used');
    expect(credits.querySelector('.bk-meter__held')).toBeNull();
  });

  test('an account out of credits shows the meter exceeded', async () => {
    await show(OverQuota);
    expect(await screen.findByRole('meter', { name: 'Credits' })).toHaveAttribute('data-state', 'exceeded');
  });

  test('unlimited features say so instead of drawing a bar', async () => {
    await show(Unlimited);
    const credits = await screen.findByRole('group', { name: 'Credits' });
    expect(credits).toHaveAttribute('data-state', 'unlimited');
    expect(within(credits).getByText(/Unlimited/)).toBeInTheDocument();
  });

  test('a feature with no allowance but billed per use reads as such, not as a meter at 0 of 0', async () => {
    await show(NearQuota);
    const words = await screen.findByRole('group', { name: 'Voice words' });
    expect(within(words).getByText(/Billed per use/)).toBeInTheDocument();
    expect(screen.queryByRole('meter', { name: 'Voice words' })).not.toBeInTheDocument();
  });

  test('the free tier shows its daily credits', async () => {
    await show(FreeDaily);
    const credits = await screen.findByRole('meter', { name: 'Credits' });
    expect(credits).toHaveAttribute('aria-valuemax', '5');
  });

  test('the compact variant leaves out reset times', async () => {
    await show(Compact);
    await screen.findByRole('meter', { name: 'Credits' });
    expect(screen.queryByText(/^Resets /)).not.toBeInTheDocument();
  });

  test('loading shows a skeleton announced to screen readers', async () => {
    await show(Loading);
    expect(screen.getByRole('status')).toHaveTextContent('Loading usage…');
  });

  test('an error offers a retry', async () => {
    await show(ServerError);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Usage could not be loaded.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});
