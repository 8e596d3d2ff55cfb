'use client';
import type { Metrics } from '@billing-kit/contracts';
import type { Formatters } from '../format.js';

/** Revenue per period as plain SVG bars (no chart library), with the numbers in a table for screen readers. */
export function RevenueChart({ metrics, format }: { metrics: Metrics; format: Formatters }) {
  const totals = new Map<string, number>();
  for (const row of metrics.revenueByPackage)
    totals.set(row.period, (totals.get(row.period) ?? 0) + row.amount.amount);
  const periods = [...totals.keys()].sort();
  if (periods.length === 0) return <p className="bk-empty">No revenue in this range yet.</p>;
  const max = Math.max(1, ...totals.values());
  const barWidth = 100 / periods.length;
  const month = new Intl.DateTimeFormat(format.locale, { month: 'short', timeZone: 'UTC' });
  return (
    <figure className="bk-chart">
      <p className="bk-chart__max" aria-hidden="true">
        {format.money({ amount: max, currency: metrics.currency }, { compact: true })}
      </p>
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" aria-hidden="true" className="bk-chart__svg">
        {periods.map((period, index) => {
          const height = ((totals.get(period) ?? 0) / max) * 38;
          return (
            <rect
              key={period}
              x={index * barWidth + barWidth * 0.15}
              y={40 - height}
              width={barWidth * 0.7}
              height={height}
              className="bk-chart__bar"
            />
          );
        })}
      </svg>
      <ol className="bk-chart__axis" aria-hidden="true">
        {periods.map((period) => (
          <li key={period}>{month.format(new Date(`${period}T00:00:00.000Z`))}</li>
        ))}
      </ol>
      <figcaption>Revenue by period</figcaption>
      <table className="bk-visually-hidden">
        <caption>Revenue by period</caption>
        <tbody>
          {periods.map((period) => (
            <tr key={period}>
              <th scope="row">{format.date(`${period}T00:00:00.000Z`)}</th>
              <td>{format.money({ amount: totals.get(period) ?? 0, currency: metrics.currency })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
