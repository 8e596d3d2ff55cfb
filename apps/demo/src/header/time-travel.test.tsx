// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { renderDemo } from '../test/render-demo.tsx';

const clock = () => screen.getByRole('group', { name: 'Time travel' });

test('offline, time travel is disabled and says why', () => {
  renderDemo({ as: 'pro' });
  expect(within(clock()).getByText('Nov 23, 2026, 12:00 PM', { exact: false })).toBeInTheDocument();
  for (const name of ['+1 day', '+1 month']) {
    expect(within(clock()).getByRole('button', { name })).toBeDisabled();
  }
  expect(clock()).toHaveAccessibleDescription(/the mocks’ clock stands still: run npm start for time travel/);
});

test('live, advancing the clock shows the new demo time and refetches what is on screen', async () => {
  const advanceClock = vi.fn(async () => '2026-12-23T12:00:00.000Z');
  const { user, queryClient } = renderDemo({
    as: 'pro',
    session: (offline) => ({ ...offline, advanceClock }),
  });
  await screen.findByRole('meter', { name: 'Credits' });
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

  await user.click(within(clock()).getByRole('button', { name: '+1 month' }));

  expect(advanceClock).toHaveBeenCalledWith('month');
  expect(await within(clock()).findByText('Dec 23, 2026', { exact: false })).toBeInTheDocument();
  expect(invalidate).toHaveBeenCalledWith();
});
