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

  test('held units: a segment after the fill, counted toward the state but not toward aria-valuenow', () => {
    render(
      <UsageMeter.Root used={240} limit={400} held={100} valueText="240 of 400 used, 100 held">
        <UsageMeter.Label>Credits</UsageMeter.Label>
        <UsageMeter.Track>
          <UsageMeter.Fill data-testid="fill" />
          <UsageMeter.Held data-testid="held" />
        </UsageMeter.Track>
      </UsageMeter.Root>,
    );
    const meter = screen.getByRole('meter', { name: 'Credits' });
    expect(meter).toHaveAttribute('aria-valuenow', '240');
    expect(meter).toHaveAttribute('aria-valuetext', '240 of 400 used, 100 held');
    expect(meter).toHaveAttribute('data-state', 'warning');
    expect(screen.getByTestId('fill')).toHaveStyle({ inlineSize: '60.00%' });
    expect(screen.getByTestId('held')).toHaveStyle({ inlineSize: '25.00%' });
  });

  test('a held segment never runs past the track, and without held there is none', () => {
    const { rerender } = render(
      <UsageMeter.Root used={380} limit={400} held={50} valueText="380 of 400 used, 50 held">
        <UsageMeter.Label>Credits</UsageMeter.Label>
        <UsageMeter.Track>
          <UsageMeter.Held data-testid="held" />
        </UsageMeter.Track>
      </UsageMeter.Root>,
    );
    expect(screen.getByTestId('held')).toHaveStyle({ inlineSize: '5.00%' });
    expect(screen.getByRole('meter', { name: 'Credits' })).toHaveAttribute('data-state', 'exceeded');
    rerender(<Meter used={380} limit={400} />);
    expect(screen.queryByTestId('held')).not.toBeInTheDocument();
  });

  test('fail loudly when a part is used outside its root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<UsageMeter.Fill />)).toThrow(
      '`UsageMeter.Fill` must be used within `UsageMeter.Root`',
    );
  });
});
