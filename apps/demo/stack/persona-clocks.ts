import type Stripe from 'stripe';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves every given test clock to `target` (whole seconds) and waits until each is `ready`; clocks already
 * there are left alone. Like Stripe, the emulator answers the advance at once and works afterwards.
 */
export async function advanceClocks(
  stripe: Stripe,
  clockIds: readonly string[],
  target: Date,
): Promise<void> {
  const frozenTime = Math.floor(target.getTime() / 1000);
  await Promise.all(
    clockIds.map(async (clockId) => {
      const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
      if (clock.frozen_time >= frozenTime) return;
      await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
      for (let attempt = 0; ; attempt += 1) {
        const { status } = await stripe.testHelpers.testClocks.retrieve(clockId);
        if (status === 'ready') return;
        if (status === 'internal_failure') throw new Error(`Test clock ${clockId} failed to advance`);
        if (attempt > 6_000) throw new Error(`Test clock ${clockId} is still advancing after 5 minutes`);
        await sleep(attempt < 20 ? 10 : 50);
      }
    }),
  );
}

/** The latest time any of the clocks stands at, or null without clocks. */
export async function latestClockTime(stripe: Stripe, clockIds: readonly string[]): Promise<Date | null> {
  if (clockIds.length === 0) return null;
  const clocks = await Promise.all(clockIds.map((id) => stripe.testHelpers.testClocks.retrieve(id)));
  return new Date(Math.max(...clocks.map((clock) => clock.frozen_time)) * 1000);
}
