/** One item's outcome in a group: its value, or the error that item alone failed with. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

interface Lane<I, O> {
  waiting: Waiting<I, O>[];
}

export interface GroupQueueOptions {
  /** The most items one group takes (bounds a statement's size); the rest wait for the next group. */
  maxGroup?: number;
  /**
   * Waited on before each group starts, so calls already received by the process join it. By default one
   * turn of the event loop (`setImmediate`): PGlite runs a statement synchronously inside the call, so
   * without a yield a group would finish before the next request was even parsed and nothing would group.
   */
  gather?: () => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Group commit without timers. Calls for one key run one group at a time: a call arriving while its key is
 * idle starts a group on the next turn of the event loop (with whatever else arrived by then); calls
 * arriving while a group runs wait and go together in the next. A group only takes calls that arrived
 * before it started, so every answer reflects a state at least as new as its call (reads stay
 * linearizable) and a key's calls run in arrival order.
 * When a group of several fails as a whole, each call is run again alone, so a bad one fails by itself.
 */
export function createGroupQueue<K, I, O>(
  runGroup: (key: K, items: I[]) => Promise<Settled<O>[]>,
  options: GroupQueueOptions = {},
): (key: K, item: I) => Promise<O> {
  const maxGroup = options.maxGroup ?? 100;
  const gather = options.gather ?? nextTurn;
  const lanes = new Map<K, Lane<I, O>>();

  const settle = (waiting: Waiting<I, O>, outcome: Settled<O> | undefined) => {
    if (!outcome) waiting.reject(new Error('A grouped call got no answer'));
    else if (outcome.ok) waiting.resolve(outcome.value);
    else waiting.reject(outcome.error);
  };

  const runAlone = async (key: K, waiting: Waiting<I, O>) => {
    try {
      settle(waiting, (await runGroup(key, [waiting.item]))[0]);
    } catch (error) {
      waiting.reject(error);
    }
  };

  const run = async (key: K, group: Waiting<I, O>[]) => {
    try {
      const outcomes = await runGroup(
        key,
        group.map((waiting) => waiting.item),
      );
      group.forEach((waiting, index) => {
        settle(waiting, outcomes[index]);
      });
    } catch (error) {
      if (group.length === 1) group[0]?.reject(error);
      else for (const waiting of group) await runAlone(key, waiting);
    }
  };

  const drain = async (key: K, lane: Lane<I, O>) => {
    while (lane.waiting.length > 0) {
      await gather();
      await run(key, lane.waiting.splice(0, maxGroup));
    }
    lanes.delete(key);
  };

  return (key, item) =>
    new Promise<O>((resolve, reject) => {
      const busy = lanes.get(key);
      if (busy) {
        busy.waiting.push({ item, resolve, reject });
        return;
      }
      const lane: Lane<I, O> = { waiting: [{ item, resolve, reject }] };
      lanes.set(key, lane);
      void drain(key, lane);
    });
}

/** Runs `work`, keeping a thrown error as that item's outcome. */
export async function settled<T>(work: () => Promise<T> | T): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}
