// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderDemo } from '../test/render-demo.tsx';

const creditsMeter = () =>
  within(screen.getByRole('complementary', { name: 'Your credits' })).findByRole('meter', {
    name: 'Credits',
  });

test('switching persona shows the other account’s data and remembers the choice in the URL', async () => {
  const { user } = renderDemo({ as: 'free' });
  const switcher = screen.getByRole('combobox', { name: 'Viewing as' });
  expect(switcher).toHaveValue('free');
  expect(await creditsMeter()).toHaveAttribute('aria-valuemax', '5');

  await user.selectOptions(switcher, 'Pro near quota');

  expect(new URLSearchParams(window.location.search).get('as')).toBe('pro');
  expect(switcher).toHaveAccessibleDescription(/Active Pro at ~85% of its credits/);
  const meter = await creditsMeter();
  expect(meter).toHaveAttribute('aria-valuenow', '465');
  expect(meter).toHaveAttribute('aria-valuemax', '550');
});

test('the persona comes from the URL, so a link opens the same view', async () => {
  renderDemo({ as: 'past_due', page: 'billing' });
  expect(screen.getByRole('combobox', { name: 'Viewing as' })).toHaveValue('past_due');
  expect(screen.getByRole('heading', { level: 1, name: 'Billing' })).toBeInTheDocument();
  expect(
    await screen.findByText(/past due/i, { selector: '.bk-status, [data-status] *, *' }),
  ).toBeInTheDocument();
});

test('credits spent as one persona are still spent after visiting another', async () => {
  const { user } = renderDemo({ as: 'pro' });
  expect(await creditsMeter()).toHaveAttribute('aria-valuenow', '465');
  await user.click(screen.getByRole('radio', { name: /Tagline/ }));
  await user.click(screen.getByRole('button', { name: 'Generate' }));
  await screen.findByRole('article', { name: 'Your draft' });

  const switcher = screen.getByRole('combobox', { name: 'Viewing as' });
  await user.selectOptions(switcher, 'Free');
  expect(await creditsMeter()).toHaveAttribute('aria-valuemax', '5');
  await user.selectOptions(switcher, 'Pro near quota');
  await expect.poll(async () => (await creditsMeter()).getAttribute('aria-valuenow')).toBe('466');
});
