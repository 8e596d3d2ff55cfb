import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { BillingDashboard } from './billing-dashboard.js';

const meta = {
  title: 'Components/BillingDashboard',
  component: BillingDashboard,
  args: {
    returnUrl: 'https://app.example.com/billing',
    onChangePlan: fn(),
    onRedirect: fn(),
    now: Date.parse('2026-11-23T12:00:00.000Z'),
  },
} satisfies Meta<typeof BillingDashboard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Active: Story = { parameters: { billing: { scenario: 'pro_near_quota' } } };

/** Auto top-up on: 100 credits for $9.00 when fewer than 40 are left, at most 3 a month. */
export const AutoTopUpOn: Story = {
  parameters: { billing: { scenario: 'pro_near_quota' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const section = within(await canvas.findByRole('region', { name: 'Auto top-up of credits' }));
    await expect(await section.findByRole('switch', { name: /Buy credits automatically/ })).toBeChecked();
    await expect(section.getByText('At most 3 a month, up to $27.00. 0 used this month.')).toBeVisible();
  },
};

/** Never set up: the switch is off and the form offers a first setting; saving it turns it on. */
export const AutoTopUpOff: Story = {
  parameters: { billing: { scenario: 'pro_rollover' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const section = within(await canvas.findByRole('region', { name: 'Auto top-up of credits' }));
    const toggle = await section.findByRole('switch', { name: /Buy credits automatically/ });
    await expect(toggle).not.toBeChecked();
    await userEvent.click(toggle);
    await userEvent.click(section.getByRole('button', { name: 'Save' }));
    await expect(await section.findByText('Saved.')).toBeVisible();
  },
};

/** The last top-up met a declined card: the server turned it off, and says why and what to do. */
export const AutoTopUpFailed: Story = {
  parameters: { billing: { scenario: 'top_up_failed' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const section = within(await canvas.findByRole('region', { name: 'Auto top-up of credits' }));
    const toggle = await section.findByRole('switch', { name: /Buy credits automatically/ });
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toHaveAccessibleDescription(
      'Auto top-up was turned off: Your card was declined. Update your card, then turn it back on.',
    );
    await expect(section.getByText(/^Last top-up failed on Nov 22, 2026/)).toBeVisible();
    await userEvent.click(section.getByRole('button', { name: 'Update card' }));
    await waitFor(() => expect(args.onRedirect).toHaveBeenCalled());
  },
};

/** Two top-ups this month of at most 2: the crossing on 22 November bought nothing. */
export const AutoTopUpCapped: Story = {
  parameters: { billing: { scenario: 'top_up_capped' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const section = within(await canvas.findByRole('region', { name: 'Auto top-up of credits' }));
    await expect(await section.findByText(/^Last top-up skipped on Nov 22, 2026/)).toBeVisible();
    await expect(section.getByText('At most 2 a month, up to $10.00. 2 used this month.')).toBeVisible();
  },
};

/** Credits rolled over from October: spent first, shown apart with their own expiry, beside the plan's rule. */
export const Rollover: Story = {
  parameters: { billing: { scenario: 'pro_rollover' } },
  play: async ({ canvasElement }) => {
    const credits = within(await within(canvasElement).findByRole('region', { name: 'Credits' }));
    await expect(await credits.findByText('40 rolled over · expires Jan 3, 2027')).toBeVisible();
    await expect(
      await credits.findByText('Unused credits roll over, up to 200, for 2 months.'),
    ).toBeVisible();
  },
};
/** Three jobs in flight: held credits beside the balance, the reservations listed, the meters' held segments. */
export const WithReservations: Story = {
  parameters: { billing: { scenario: 'pro_with_reservations' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const reservations = within(await canvas.findByRole('region', { name: 'Reservations in progress' }));
    const table = await reservations.findByRole('table', { name: 'Reservations in progress' });
    await expect(within(table).getAllByRole('row')).toHaveLength(4);
    // Feature names come from the entitlements query, which may answer after the reservations: until then a
    // row shows the feature's key.
    await expect(await within(table).findByRole('row', { name: /^Credits 30 / })).toBeVisible();
    const credits = within(canvas.getByRole('region', { name: 'Credits' }));
    await expect(credits.getByText('· 42 held')).toBeVisible();
  },
};
export const Trialing: Story = { parameters: { billing: { scenario: 'trialing' } } };
export const PastDue: Story = {
  parameters: { billing: { scenario: 'past_due' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const banner = await canvas.findByRole('alert');
    await userEvent.click(within(banner).getByRole('button', { name: 'Fix payment' }));
    await waitFor(() => expect(args.onRedirect).toHaveBeenCalled());
  },
};
export const Canceling: Story = {
  parameters: { billing: { scenario: 'canceling' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Resume subscription' }));
    await expect(await canvas.findByRole('button', { name: 'Cancel subscription' })).toBeVisible();
  },
};
export const Free: Story = { parameters: { billing: { scenario: 'free' } } };
export const Enterprise: Story = { parameters: { billing: { scenario: 'enterprise' } } };
export const Loading: Story = { parameters: { billing: { scenario: 'slow_network' } } };
export const ServerError: Story = { parameters: { billing: { scenario: 'server_errors' } } };
