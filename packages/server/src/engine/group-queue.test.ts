import { describe, expect, it } from 'vitest';
import { createGroupQueue, type Settled } from './group-queue.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A group runner that records each group and waits until released, so a test decides when groups end. */
function gatedRunner() {
  const groups: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (_key: string, items: number[]): Promise<Settled<number>[]> => {
    groups.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((item) =>
      item < 0 ? { ok: false, error: new Error(`bad ${item}`) } : { ok: true, value: item * 10 },
    );
  };
  const releaseNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    gates.shift()?.();
  };
  return { groups, run, releaseNext };
}

describe('group queue', () => {
  it('starts a group on the next turn with the calls received by then, and gathers later calls into the next', async () => {
    const runner = gatedRunner();
    const call = createGroupQueue(runner.run);
    const first = call('a', 1);
    expect(runner.groups).toEqual([]);
    await turn();
    expect(runner.groups).toEqual([[1]]);
    const rest = [call('a', 2), call('a', 3), call('a', 4)];
    await runner.releaseNext();
    await runner.releaseNext();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(runner.groups).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps keys apart: another key does not wait for a running group', async () => {
    const runner = gatedRunner();
    const call = createGroupQueue(runner.run);
    const a = call('a', 1);
    const b = call('b', 2);
    await turn();
    expect(runner.groups).toEqual([[1], [2]]);
    await runner.releaseNext();
    await runner.releaseNext();
    expect(await Promise.all([a, b])).toEqual([10, 20]);
  });

  it("settles each call with its own outcome: one item's error is not the group's", async () => {
    const runner = gatedRunner();
    const call = createGroupQueue(runner.run);
    const first = call('a', 1);
    await turn();
    const others = [call('a', 2), call('a', -1), call('a', 3)].map((promise) =>
      promise.then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.message }),
      ),
    );
    await runner.releaseNext();
    await runner.releaseNext();
    await first;
    expect(await Promise.all(others)).toEqual([{ value: 20 }, { error: 'bad -1' }, { value: 30 }]);
  });

  it('runs each call of a group that failed as a whole again alone, so only the bad one fails', async () => {
    const groups: number[][] = [];
    const call = createGroupQueue<string, number, number>(async (_key, items) => {
      groups.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (items.includes(13)) throw new Error('thirteen');
      return items.map((item) => ({ ok: true, value: item }));
    });
    const first = call('a', 1);
    await turn();
    const outcomes = await Promise.allSettled([first, call('a', 2), call('a', 13), call('a', 4)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(groups).toEqual([[1], [2, 13, 4], [2], [13], [4]]);
  });

  it('takes at most maxGroup calls per group', async () => {
    const groups: number[][] = [];
    const call = createGroupQueue<string, number, number>(
      async (_key, items) => {
        groups.push(items);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return items.map((item) => ({ ok: true, value: item }));
      },
      { maxGroup: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((item) => call('a', item)));
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
  });
});
