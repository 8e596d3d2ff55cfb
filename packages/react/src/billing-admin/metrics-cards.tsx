'use client';
import type { Metrics } from '@billing-kit/contracts';
import type { Formatters } from '../format.js';

/** Headline numbers: MRR, active subscriptions, churn, conversion, credit usage. */
export function MetricsCards({ metrics, format }: { metrics: Metrics; format: Formatters }) {
  const cards: [string, string][] = [
    ['Monthly recurring revenue', format.money(metrics.mrr)],
    ['Active subscriptions', format.number(metrics.activeSubscriptions)],
    ['Trialing', format.number(metrics.trialing)],
    ['Past due', format.number(metrics.pastDue)],
    ['Churn', format.percent(metrics.churnRate)],
    ['Conversion from free', format.percent(metrics.conversionRate)],
    [
      'Credits used',
      `${format.number(metrics.credits.used, { compact: true })} of ${format.number(metrics.credits.granted, { compact: true })}`,
    ],
    ['Credits expired', format.percent(metrics.credits.expiryRate)],
  ];
  return (
    <dl className="bk-metrics">
      {cards.map(([label, value]) => (
        <div key={label} className="bk-metrics__card">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
