import { composeStories } from '@storybook/react-vite';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { expectNoAxeViolations } from '../test/axe.js';
import * as stories from './billing-dashboard.stories.js';

const {
  Active,
  AutoTopUpOn,
  AutoTopUpOff,
  AutoTopUpFailed,
  AutoTopUpCapped,
  Rollover,
  WithReservations,
  Trialing,
  PastDue,
  Canceling,
  Free,
  Enterprise,
  Loading,
  ServerError,
} = composeStories(stories);

async function show(Story: typeof Active, args: { pageSize?: number } = {}) {
  await Story.load();
  return render(<Story {...args} />);
}

const section = (name: string) => within(screen.getByRole('region', { name }));
// user-event cannot select the text of a number input in jsdom; a change event types the whole value.
const typeNumber = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });
const autoTopUp = async () => within(await screen.findByRole('region', { name: 'Auto top-up of credits' }));

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

  test('enterprise credits read unlimited, and need no auto top-up', async () => {
    await show(Enterprise);
    expect(await section('Usage').findByRole('group', { name: 'Credits' })).toHaveAttribute(
      'data-state',
      'unlimited',
    );
    await section('Credits').findAllByText('Unlimited');
    await expect.poll(() => screen.queryByText('Loading auto top-up…')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Auto top-up of credits' })).not.toBeInTheDocument();
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

  describe('auto top-up', () => {
    test('on: the setting as saved, the money it implies, and the field hints tied to the inputs', async () => {
      const { container } = await show(AutoTopUpOn);
      await AutoTopUpOn.play?.({ canvasElement: container });
      const form = await autoTopUp();
      expect(form.getByRole('combobox', { name: 'Pack' })).toHaveDisplayValue('100 credits · $9.00');
      expect(form.getByRole('spinbutton', { name: 'Packs each time' })).toHaveValue(1);
      expect(form.getByRole('spinbutton', { name: 'Threshold (credits left)' })).toHaveAccessibleDescription(
        'When fewer than 40 credits are left, buys 100 credits for $9.00.',
      );
      await userEvent.selectOptions(form.getByRole('combobox', { name: 'Pack' }), 'credits_250');
      typeNumber(form.getByRole('spinbutton', { name: 'Top-ups a month, at most' }), '2');
      expect(form.getByText(/^At most 2 a month, up to \$40\.00\./)).toBeInTheDocument();
      await expectNoAxeViolations(container);
    });

    test('off: switching it on and saving turns it on (the story’s play), and the page keeps it', async () => {
      const { container } = await show(AutoTopUpOff);
      await AutoTopUpOff.play?.({ canvasElement: container });
      const form = await autoTopUp();
      expect(form.getByRole('switch', { name: /Buy credits automatically/ })).toBeChecked();
      expect(await form.findByText(/ 0 used this month\.$/)).toBeInTheDocument();
      await expectNoAxeViolations(container);
    });

    test('failed: the notice says why it was turned off; turning it back on with the same card fails again', async () => {
      const { container } = await show(AutoTopUpFailed);
      await AutoTopUpFailed.play?.({ canvasElement: container });
      await expectNoAxeViolations(container);
      const form = await autoTopUp();
      await userEvent.click(form.getByRole('switch', { name: /Buy credits automatically/ }));
      await userEvent.click(form.getByRole('button', { name: 'Save' }));
      // 18 credits are below the threshold of 30: turning it on buys at once, and the card still declines.
      expect(
        await form.findByText(/^Last top-up failed on Nov 23, 2026: Your card was declined\./),
      ).toBeInTheDocument();
      expect(form.getByRole('switch', { name: /Buy credits automatically/ })).not.toBeChecked();
      expect(form.getByText('Auto top-up was turned off:')).toBeInTheDocument();
    });

    test('capped: the crossing past the monthly cap is said to have charged nothing', async () => {
      const { container } = await show(AutoTopUpCapped);
      await AutoTopUpCapped.play?.({ canvasElement: container });
      const form = await autoTopUp();
      expect(form.getByText(/nothing was charged\.$/)).toBeInTheDocument();
      expect(form.getByRole('switch', { name: /Buy credits automatically/ })).toBeChecked();
    });

    test('no card: the 409 shows beside the switch, and what was typed stays', async () => {
      await show(Free);
      const form = await autoTopUp();
      const toggle = form.getByRole('switch', { name: /Buy credits automatically/ });
      await userEvent.click(toggle);
      const threshold = form.getByRole('spinbutton', { name: 'Threshold (credits left)' });
      typeNumber(threshold, '3');
      await userEvent.click(form.getByRole('button', { name: 'Save' }));
      const alert = await form.findByRole('alert');
      expect(alert).toHaveTextContent(/^Add a card first/);
      expect(toggle).toHaveAccessibleDescription(alert.textContent ?? '');
      expect(toggle).toBeChecked();
      expect(threshold).toHaveValue(3);
    });

    test('a field the server refuses is marked invalid and described by its error', async () => {
      await show(AutoTopUpOn);
      const form = await autoTopUp();
      const threshold = await form.findByRole('spinbutton', { name: 'Threshold (credits left)' });
      typeNumber(threshold, '0');
      await userEvent.click(form.getByRole('button', { name: 'Save' }));
      await expect.poll(() => threshold.getAttribute('aria-invalid')).toBe('true');
      expect(threshold.getAttribute('aria-describedby')?.split(' ')).toHaveLength(2);
      expect(threshold).toHaveAccessibleDescription(
        /^When the balance falls below the threshold, buys .* Too small: expected number to be >=1$/,
      );
      expect(threshold).toHaveValue(0);
    });
  });

  test('rollover: rolled-over credits stand apart with their expiry, and the plan’s rule is said', async () => {
    const { container } = await show(Rollover);
    await Rollover.play?.({ canvasElement: container });
    const credits = section('Credits');
    const table = credits.getByRole('table', { name: 'Where the credits come from' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows[0]).toEqual(['Rolled over', '40 of 160', 'Jan 3, 2027']);
    await expectNoAxeViolations(container);
  });
});
