import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

// The offline demo serves its own copy of MSW's worker script; the repository keeps the one MSW
// updates in Storybook's public directory. They must not drift apart.
test('the offline demo serves the same MSW worker script as Storybook', () => {
  expect(read('../../public/mockServiceWorker.js')).toBe(
    read('../../../../.storybook/public/mockServiceWorker.js'),
  );
});
