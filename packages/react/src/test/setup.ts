import '@testing-library/jest-dom/vitest';
import { setProjectAnnotations } from '@storybook/react-vite';
import { cleanup } from '@testing-library/react';
import type { SetupWorker } from 'msw/browser';
import { setupServer } from 'msw/node';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { afterAll, afterEach } from 'vitest';
import preview from '../../../../.storybook/preview.js';

// Component tests reuse the stories: the same preview (providers, scenario handlers), with MSW's Node
// server standing in for the browser worker. Unhandled requests fail the test.
const server = setupServer();
server.listen({ onUnhandledRequest: 'error' });
// The addon only calls `use` and `resetHandlers`, which the Node server shares with the browser worker.
setProjectAnnotations({ ...preview, loaders: [mswLoader(() => server as unknown as SetupWorker)] });

// jsdom lacks these; the virtualized admin table and embedded layouts use them.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// axe probes canvas support; jsdom has none and would print "Not implemented" for every check.
if (typeof HTMLCanvasElement !== 'undefined') HTMLCanvasElement.prototype.getContext = () => null;

afterEach(() => cleanup());
afterAll(() => server.close());
