import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { scheduleUsageReports } from './usage-schedule.js';

const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduled usage reports', () => {
  it('reports on every tick, never two runs at once, and keeps going after a failure', async () => {
    let active = 0;
    let overlapped = false;
    let calls = 0;
    const schedule = scheduleUsageReports(
      async () => {
        calls += 1;
        active += 1;
        if (active > 1) overlapped = true;
        await sleep(15);
        active -= 1;
        if (calls === 2) throw new Error('Stripe is down');
        return { reported: 1, failed: 0 };
      },
      { intervalMs: 5, logger: silent },
    );
    void schedule.runNow();
    void schedule.runNow();
    await sleep(150);
    await schedule.stop();
    const after = calls;
    await sleep(40);
    expect(overlapped).toBe(false);
    expect(after).toBeGreaterThanOrEqual(4);
    expect(calls).toBe(after);
  });

  it('stop waits for the run in flight', async () => {
    let finished = false;
    const schedule = scheduleUsageReports(
      async () => {
        await sleep(30);
        finished = true;
        return { reported: 0, failed: 0 };
      },
      { intervalMs: 60_000, logger: silent },
    );
    void schedule.runNow();
    await schedule.stop();
    expect(finished).toBe(true);
  });

  it('runNow answers what that run reported', async () => {
    const schedule = scheduleUsageReports(async () => ({ reported: 3, failed: 1 }), {
      intervalMs: 60_000,
      logger: silent,
    });
    expect(await schedule.runNow()).toEqual({ reported: 3, failed: 1 });
    await schedule.stop();
  });
});
