import { composeStories } from '@storybook/react-vite';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { expectNoAxeViolations } from '../test/axe.js';
import * as stories from './billing-dashboard.stories.js';

const { Active, Trialing, PastDue, Canceling, Free, Enterprise, Loading, ServerError } =
  composeStories(stories);

async function show(Story: typeof Active, args: { pageSize?: number } = {}) {
  await Story.load();
  return render(<Story {...args} />);
}

const section = (name: string) => within(screen.getByRole('region', { name }));

describe('BillingDashboard', () => {
  test('an active Pro account: status, renewal, credits by grant, usage, invoices and purchases', async () => {
    const { container } = await show(Active);
    const plan = await screen.findByRole('heading', { name: /Pro\s*Active/ });
    expect(plan).toBeInTheDocument();
    expect(screen.getByText(/^Renews on /)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel subscription' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Manage payment' })).toBeEnabled();
    expect((await section('Credits').findAllByText('Credit pack')).length).toBeGreaterThan(0);
    expect(await section('Usage').findByRole('meter', { name: 'Credits' })).toBeInTheDocument();
    const invoices = await section('Invoices').findByRole('table', { name: 'Invoices' });
    expect(within(invoices).getAllByRole('link', { name: /^View invoice/ }).length).toBeGreaterThan(0);
    expect(within(invoices).getAllByRole('link', { name: /^PDF of invoice/ }).length).toBeGreaterThan(0);
    expect(await section('Purchases').findByRole('table', { name: 'Purchases' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  test('invoices page forward and back by cursor', async () => {
    await show(Active, { pageSize: 3 });
    const invoices = () => section('Invoices');
    await invoices().findByRole('table', { name: 'Invoices' });
    const firstPage = invoices()
      .getAllByRole('row')
      .map((row) => row.textContent);
    await userEvent.click(invoices().getByRole('button', { name: 'Next' }));
    await invoices().findByText('Page 2');
    await expect
      .poll(() =>
        invoices()
          .getAllByRole('row')
          .map((row) => row.textContent),
      )
      .not.toEqual(firstPage);
    await userEvent.click(invoices().getByRole('button', { name: 'Previous' }));
    await invoices().findByText('Page 1');
  });

  test('a trial counts its days left', async () => {
    await show(Trialing);
    expect(await screen.findByText(/\d+ days? left in your trial/)).toBeInTheDocument();
  });

  test('past due shows a banner whose action opens the portal (the story’s play)', async () => {
    const { container } = await show(PastDue);
    await PastDue.play?.({ canvasElement: container });
    expect(PastDue.args.onRedirect).toHaveBeenCalledWith(expect.stringMatching(/^https?:\/\//));
    expect(screen.getByRole('heading', { name: /Past due/ })).toBeInTheDocument();
  });

  test('canceling can be resumed, then canceled again at period end', async () => {
    const { container } = await show(Canceling);
    expect(await screen.findByText(/then moves to the free plan/)).toBeInTheDocument();
    await Canceling.play?.({ canvasElement: container });
    await userEvent.click(screen.getByRole('button', { name: 'Cancel subscription' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your subscription?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel at period end' }));
    expect(await screen.findByRole('button', { name: 'Resume subscription' })).toBeEnabled();
  });

  test('the free plan offers an upgrade, no cancel or payment management', async () => {
    await show(Free);
    await userEvent.click(await screen.findByRole('button', { name: 'Upgrade' }));
    expect(Free.args.onChangePlan).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Cancel subscription' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Manage payment' })).not.toBeInTheDocument();
  });

  test('enterprise credits read unlimited', async () => {
    await show(Enterprise);
    expect(await section('Usage').findByRole('group', { name: 'Credits' })).toHaveAttribute(
      'data-state',
      'unlimited',
    );
  });

  test('loading skeletons, then errors with retry in every section', async () => {
    await show(Loading);
    expect(screen.getAllByRole('status').length).toBeGreaterThanOrEqual(4);
    await show(ServerError);
    await expect.poll(() => screen.queryAllByRole('alert').length).toBeGreaterThanOrEqual(4);
    for (const alert of screen.getAllByRole('alert'))
      expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});
