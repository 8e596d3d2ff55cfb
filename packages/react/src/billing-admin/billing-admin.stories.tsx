import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { BillingAdmin } from './billing-admin.js';

const meta = {
  title: 'Components/BillingAdmin',
  component: BillingAdmin,
  args: { now: Date.parse('2026-11-23T12:00:00.000Z') },
} satisfies Meta<typeof BillingAdmin>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TenThousandCustomers: Story = {
  parameters: { billing: { scenario: 'admin' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const search = await canvas.findByRole('searchbox', { name: 'Search' });
    await userEvent.click(search);
    await userEvent.paste('ops@billing-kit.example');
    await expect(
      await canvas.findByRole('button', { name: 'Billing Kit Operators' }, { timeout: 5_000 }),
    ).toBeVisible();
  },
};
/** No interactions: the benchmark scrolls this one (`npm run bench`). */
export const AllCustomers: Story = { parameters: { billing: { scenario: 'admin' } } };
export const Loading: Story = { parameters: { billing: { scenario: 'slow_network' } } };
export const ServerError: Story = { parameters: { billing: { scenario: 'server_errors' } } };
