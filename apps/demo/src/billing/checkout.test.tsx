// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderDemo } from '../test/render-demo.tsx';

test('offline, subscribing settles checkout as Stripe would and lands on the billing page', async () => {
  const { user } = renderDemo({ as: 'free', page: 'pricing' });
  const starter = await screen.findByRole('listitem', { name: /Starter/ });

  await user.click(within(starter).getByRole('button', { name: 'Subscribe' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Billing' })).toBeInTheDocument();
  expect(screen.getByText(/Payment received/)).toHaveAttribute('role', 'status');
  expect(window.location.hash).toBe('#/billing?flash=paid');
  expect(await screen.findByRole('heading', { name: /Starter/ })).toBeInTheDocument();
});

test('offline, the Stripe portal is said to be unavailable instead of leaving the app', async () => {
  const { user } = renderDemo({ as: 'pro', page: 'billing' });

  await user.click(await screen.findByRole('button', { name: 'Manage payment' }));

  expect(await screen.findByText(/billing portal is not part of the offline demo/)).toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 1, name: 'Billing' })).toBeInTheDocument();
});
