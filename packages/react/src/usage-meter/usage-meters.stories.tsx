import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { UsageMeters } from './usage-meters.js';

const meta = {
  title: 'Components/UsageMeters',
  component: UsageMeters,
  args: { variant: 'detailed' },
} satisfies Meta<typeof UsageMeters>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NearQuota: Story = {
  parameters: { billing: { scenario: 'pro_near_quota' } },
  play: async ({ canvasElement }) => {
    const credits = await within(canvasElement).findByRole('meter', { name: 'Credits' });
    await expect(credits).toHaveAttribute('data-state', 'warning');
  },
};

/** Jobs in flight hold credits and tokens: a hatched segment after the used part, and "N held" in the value. */
export const WithHeldUnits: Story = {
  parameters: { billing: { scenario: 'pro_with_reservations' } },
  play: async ({ canvasElement }) => {
    const credits = await within(canvasElement).findByRole('meter', { name: 'Credits' });
    await expect(credits).toHaveAttribute('aria-valuetext', '465 of 550 used, 42 held');
    await expect(within(credits).getByText(/42 held/)).toBeVisible();
  },
};

/** Features priced in the credit pool, asked for by key: each meter is the pool's, with what one use costs. */
export const PooledFeatures: Story = {
  args: { features: ['credits', 'image_generation', 'chat_message'] },
  parameters: { billing: { scenario: 'pro_near_quota' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const images = await canvas.findByRole('meter', { name: 'Image generations' });
    await expect(images).toHaveAttribute('aria-valuetext', '465 of 550 credits used');
    await expect(canvas.getByText('Paid in credits: 5 per use, enough for 17 more')).toBeVisible();
  },
};

export const OverQuota: Story = { parameters: { billing: { scenario: 'over_quota' } } };
export const FreeDaily: Story = { parameters: { billing: { scenario: 'free' } } };
export const Unlimited: Story = { parameters: { billing: { scenario: 'enterprise' } } };
export const Compact: Story = {
  args: { variant: 'compact' },
  parameters: { billing: { scenario: 'pro_near_quota' } },
};
export const Loading: Story = { parameters: { billing: { scenario: 'slow_network' } } };
export const ServerError: Story = { parameters: { billing: { scenario: 'server_errors' } } };
