import { useEffect, useState } from 'react';
import type { DemoSession } from '../session/demo-session.ts';

const TICK_MS = 30_000;

/**
 * The demo time, as an ISO string, and a setter for after time travel. Live, the stack's clock is wall time
 * plus an offset, so it keeps running between jumps; the mocks' clock offline stands still.
 */
export function useDemoClock(session: DemoSession): [now: string, setNow: (now: string) => void] {
  const running = session.mode === 'live';
  const [reading, setReading] = useState(() => ({ at: Date.parse(session.now), takenAt: Date.now() }));
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  const now = new Date(reading.at + (running ? Date.now() - reading.takenAt : 0)).toISOString();
  return [now, (advancedTo) => setReading({ at: Date.parse(advancedTo), takenAt: Date.now() })];
}
