import type { StorybookConfig } from '@storybook/react-vite';
import { defaultClientConditions, mergeConfig } from 'vite';

const config: StorybookConfig = {
  stories: ['../packages/*/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // Stories run on the packages' TypeScript sources, like the tests.
      resolve: { conditions: ['@billing-kit/source', ...defaultClientConditions] },
      optimizeDeps: { include: ['msw', 'msw/browser', 'msw-storybook-addon/csf3'] },
    }),
};

export default config;
