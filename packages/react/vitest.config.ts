import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedConfig,
  defineProject({ test: { name: 'react', environment: 'jsdom', setupFiles: ['./src/test/setup.ts'] } }),
);
