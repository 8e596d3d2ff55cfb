import type { Logger } from 'pino';

export interface UsageSchedule {
  /** Runs a report now (after any run in flight) and resolves with its outcome. */
  runNow(): Promise<{ reported: number; failed: number }>;
  /** Stops scheduling and waits for a run in flight. */
  stop(): Promise<void>;
}

/**
 * Sends pending overage to Stripe every `intervalMs` (the reference server's in-process schedule; the
 * `billing-kit report-usage` CLI does the same from cron). Runs never overlap — the next is scheduled when
 * one ends — and a failure is logged and retried at the next tick, never in a tight loop. Replicas may all
 * run it: each usage event reaches Stripe under its own meter-event identifier, so Stripe counts it once.
 */
export function scheduleUsageReports(
  report: () => Promise<{ reported: number; failed: number }>,
  options: { intervalMs: number; logger: Logger },
): UsageSchedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ reported: number; failed: number }> = Promise.resolve({ reported: 0, failed: 0 });

  const run = () => {
    const previous = running;
    running = (async () => {
      await previous.catch(() => undefined);
      try {
        const outcome = await report();
        if (outcome.reported > 0 || outcome.failed > 0)
          options.logger[outcome.failed > 0 ? 'warn' : 'info'](outcome, 'usage reported to Stripe');
        return outcome;
      } catch (error) {
        options.logger.warn({ err: error }, 'usage report failed; retrying at the next tick');
        return { reported: 0, failed: 0 };
      }
    })();
    return running;
  };

  const tick = () => {
    timer = undefined;
    void run().finally(() => {
      if (!stopped) arm();
    });
  };
  const arm = () => {
    timer = setTimeout(tick, options.intervalMs);
    // The schedule alone never keeps the process alive.
    timer.unref();
  };
  arm();

  return {
    runNow: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
