'use client';
import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { createStrictContext } from '../internal/create-strict-context.js';
import { type UsageMeterResult, useUsageMeter } from './use-usage-meter.js';

const [MeterProvider, useMeterContext] = createStrictContext<UsageMeterResult>('UsageMeter.Root');

const cx = (...names: (string | undefined | false)[]) => names.filter(Boolean).join(' ');

export interface UsageMeterRootProps extends Omit<HTMLAttributes<HTMLDivElement>, 'role'> {
  used: number;
  limit: number | null;
  /** Units reserved for jobs in flight; `UsageMeter.Held` draws them after the fill. */
  held?: number;
  warningAt?: number;
  valueText: string;
  children: ReactNode;
}

/** Unstyled parts over `useUsageMeter`; state reaches CSS as `data-state` on every part. */
export function UsageMeterRoot({
  used,
  limit,
  held,
  warningAt,
  valueText,
  className,
  children,
  ...rest
}: UsageMeterRootProps) {
  const meter = useUsageMeter({
    used,
    limit,
    valueText,
    ...(held !== undefined ? { held } : {}),
    ...(warningAt !== undefined ? { warningAt } : {}),
  });
  return (
    <MeterProvider value={meter}>
      <div {...rest} {...meter.meterProps} className={cx('bk-meter', className)}>
        {children}
      </div>
    </MeterProvider>
  );
}

export function UsageMeterLabel({ className, ...rest }: HTMLAttributes<HTMLSpanElement>) {
  const meter = useMeterContext('UsageMeter.Label');
  return <span {...rest} id={meter.labelId} className={cx('bk-meter__label', className)} />;
}

export function UsageMeterValue({ className, ...rest }: HTMLAttributes<HTMLSpanElement>) {
  const meter = useMeterContext('UsageMeter.Value');
  return (
    <span
      aria-hidden="true"
      {...rest}
      data-state={meter.state}
      className={cx('bk-meter__value', className)}
    />
  );
}

export function UsageMeterTrack({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  const meter = useMeterContext('UsageMeter.Track');
  if (meter.ratio === null) return null;
  return (
    <div aria-hidden="true" {...rest} data-state={meter.state} className={cx('bk-meter__track', className)} />
  );
}

export function UsageMeterFill({ className, style, ...rest }: HTMLAttributes<HTMLDivElement>) {
  const meter = useMeterContext('UsageMeter.Fill');
  if (meter.ratio === null) return null;
  const fillStyle: CSSProperties = { ...style, inlineSize: `${(meter.ratio * 100).toFixed(2)}%` };
  return (
    <div {...rest} style={fillStyle} data-state={meter.state} className={cx('bk-meter__fill', className)} />
  );
}

/** The held units as a segment after the fill (inside `Track`); renders nothing while nothing is held. */
export function UsageMeterHeld({ className, style, ...rest }: HTMLAttributes<HTMLDivElement>) {
  const meter = useMeterContext('UsageMeter.Held');
  if (meter.heldRatio === null || meter.held <= 0) return null;
  const heldStyle: CSSProperties = { ...style, inlineSize: `${(meter.heldRatio * 100).toFixed(2)}%` };
  return (
    <div {...rest} style={heldStyle} data-state={meter.state} className={cx('bk-meter__held', className)} />
  );
}

export const UsageMeter = {
  Root: UsageMeterRoot,
  Label: UsageMeterLabel,
  Value: UsageMeterValue,
  Track: UsageMeterTrack,
  Fill: UsageMeterFill,
  Held: UsageMeterHeld,
};
