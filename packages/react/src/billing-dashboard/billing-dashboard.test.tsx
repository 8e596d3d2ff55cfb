import { composeStories } from '@storybook/react-vite';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { expectNoAxeViolations } from '../test/axe.js';
import * as stories from './billing-dashboard.stories.js';

const { Active, WithReservations, Trialing, PastDue, Canceling, Free, Enterprise, Loading, ServerError } =
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

  test('jobs in flight: held credits beside the balance, each reservation listed, held in the meters', async () => {
    const { container } = await show(WithReservations);
    await WithReservations.play?.({ canvasElement: container });
    const credits = section('Credits');
    expect(credits.getByText(/^credits/).closest('p')).toHaveTextContent('credits 43 available · 42 held');
    const table = section('Reservations in progress').getByRole('table', {
      name: 'Reservations in progress',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['AI tokens', '20,000', 'Nov 23, 2026, 11:40 AM', 'Nov 23, 2026, 12:40 PM'],
      ['Credits', '30', 'Nov 23, 2026, 11:50 AM', 'Nov 23, 2026, 12:05 PM'],
      ['Credits', '12', 'Nov 23, 2026, 11:58 AM', 'Nov 23, 2026, 12:13 PM'],
    ]);
    expect(await section('Usage').findByRole('meter', { name: 'Credits' })).toHaveAttribute(
      'aria-valuetext',
      '465 of 550 used, 42 held',
    );
    await expectNoAxeViolations(container);
  });

  test('no jobs in flight: no held credits, and the reservations say so', async () => {
    await show(Active);
    expect(
      await section('Reservations in progress').findByText('No jobs are holding credits.'),
    ).toBeInTheDocument();
    expect(section('Credits').queryByText(/held/)).not.toBeInTheDocument();
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
    expect(screen.getAllByRole('status').length).toBeGreaterThanOrEqual(5);
    expect(section('Reservations in progress').getByRole('status')).toHaveTextContent(
      'Loading reservations…',
    );
    await show(ServerError);
    await expect.poll(() => screen.queryAllByRole('alert').length).toBeGreaterThanOrEqual(5);
    expect(await screen.findByText('Reservations could not be loaded.')).toBeInTheDocument();
    for (const alert of screen.getAllByRole('alert'))
      expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});
