import { render, screen } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { UsageMeter } from './usage-meter.js';

function Meter({ used, limit }: { used: number; limit: number | null }) {
  return (
    <UsageMeter.Root used={used} limit={limit} valueText={`${used} of ${limit ?? 'unlimited'} used`}>
      <UsageMeter.Label>Credits</UsageMeter.Label>
      <UsageMeter.Value>{used}</UsageMeter.Value>
      <UsageMeter.Track>
        <UsageMeter.Fill data-testid="fill" />
      </UsageMeter.Track>
    </UsageMeter.Root>
  );
}

describe('UsageMeter parts', () => {
  test('expose an accessible meter named by its label, with values', () => {
    render(<Meter used={340} limit={400} />);
    const meter = screen.getByRole('meter', { name: 'Credits' });
    expect(meter).toHaveAttribute('aria-valuenow', '340');
    expect(meter).toHaveAttribute('aria-valuemax', '400');
    expect(meter).toHaveAttribute('aria-valuetext', '340 of 400 used');
    expect(meter).toHaveAttribute('data-state', 'warning');
    expect(screen.getByTestId('fill')).toHaveStyle({ inlineSize: '85.00%' });
  });

  test('clamp past the limit and say so in data-state', () => {
    render(<Meter used={450} limit={400} />);
    expect(screen.getByRole('meter', { name: 'Credits' })).toHaveAttribute('aria-valuenow', '400');
    expect(screen.getByTestId('fill')).toHaveAttribute('data-state', 'exceeded');
  });

  test('show unlimited as such: no bar, no fake maximum', () => {
    render(<Meter used={12} limit={null} />);
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Credits' })).toHaveAttribute('data-state', 'unlimited');
    expect(screen.queryByTestId('fill')).not.toBeInTheDocument();
  });

  test('fail loudly when a part is used outside its root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<UsageMeter.Fill />)).toThrow(
      '`UsageMeter.Fill` must be used within `UsageMeter.Root`',
    );
  });
});
