import { describe, expect, it } from 'vitest';
import { retryOnConflict } from './transaction-retry.js';

const failing = (codes: string[], value = 'done') => {
  let calls = 0;
  return {
    calls: () => calls,
    work: async () => {
      const code = codes[calls];
      calls += 1;
      if (code) throw Object.assign(new Error(`sqlstate ${code}`), { code });
      return value;
    },
  };
};

describe('retryOnConflict', () => {
  it('runs again after a deadlock or a serialization failure, and answers the run that succeeded', async () => {
    const runs = failing(['40P01', '40001']);
    await expect(retryOnConflict(runs.work)).resolves.toBe('done');
    expect(runs.calls()).toBe(3);
  });

  it('gives up after its attempts, with the last error', async () => {
    const runs = failing(['40P01', '40P01', '40P01']);
    await expect(retryOnConflict(runs.work, 3)).rejects.toMatchObject({ code: '40P01' });
    expect(runs.calls()).toBe(3);
  });

  it('never repeats other failures', async () => {
    const runs = failing(['23505']);
    await expect(retryOnConflict(runs.work)).rejects.toMatchObject({ code: '23505' });
    expect(runs.calls()).toBe(1);
  });
});
