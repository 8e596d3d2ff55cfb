import { composeStories } from '@storybook/react-vite';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import * as stories from './billing-admin.stories.js';

const { TenThousandCustomers, ServerError } = composeStories(stories);

async function show(Story: typeof TenThousandCustomers) {
  await Story.load();
  return render(<Story />);
}

describe('BillingAdmin', () => {
  test('metrics cards and the revenue chart', async () => {
    await show(TenThousandCustomers);
    const metrics = within(await screen.findByRole('region', { name: 'Metrics' }));
    expect(await metrics.findByText('Monthly recurring revenue')).toBeInTheDocument();
    expect(metrics.getByText('Revenue by period', { selector: 'figcaption' })).toBeInTheDocument();
  });

  test('only the rows in view are rendered, out of the thousands loaded', async () => {
    await show(TenThousandCustomers);
    const table = await screen.findByRole('table', { name: 'Customers' });
    await expect.poll(() => Number(table.getAttribute('aria-rowcount'))).toBeGreaterThan(100);
    expect(within(table).getAllByRole('row').length).toBeLessThan(60);
  });

  test('search finds a customer by email (the story’s play), and opens their detail', async () => {
    const { container } = await show(TenThousandCustomers);
    await TenThousandCustomers.play?.({ canvasElement: container });
    await userEvent.click(screen.getByRole('button', { name: 'Billing Kit Operators' }));
    expect(await screen.findByRole('heading', { name: 'Billing Kit Operators' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
  });

  test('sorting by a column says so to assistive technology', async () => {
    await show(TenThousandCustomers);
    const table = await screen.findByRole('table', { name: 'Customers' });
    await userEvent.click(within(table).getByRole('button', { name: 'MRR' }));
    expect(within(table).getByRole('columnheader', { name: 'MRR' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await userEvent.click(within(table).getByRole('button', { name: 'MRR' }));
    expect(within(table).getByRole('columnheader', { name: 'MRR' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
  });

  test('an admin grants credits with a reason; the balance and audit log show it', async () => {
    await show(TenThousandCustomers);
    const table = await screen.findByRole('table', { name: 'Customers' });
    const firstRow = (await within(table).findAllByRole('row'))[1];
    if (!firstRow) throw new Error('no customer rows');
    const customer = within(firstRow).getByRole('button');
    const name = customer.textContent ?? '';
    await userEvent.click(customer);
    expect(await screen.findByRole('heading', { name })).toBeInTheDocument();
    const form = within(await screen.findByRole('form', { name: 'Grant credits' }));
    await userEvent.type(form.getByRole('spinbutton', { name: 'Amount' }), '100');
    await userEvent.type(form.getByRole('textbox', { name: 'Reason' }), 'Goodwill after the outage');
    await userEvent.click(form.getByRole('button', { name: 'Grant' }));
    expect(await form.findByRole('status')).toHaveTextContent('Granted 100 credits.');
    expect(await screen.findByText(/Goodwill after the outage/)).toBeInTheDocument();
  });

  test('errors offer a retry', async () => {
    await show(ServerError);
    await expect.poll(() => screen.queryAllByRole('alert').length).toBeGreaterThanOrEqual(2);
  });
});
