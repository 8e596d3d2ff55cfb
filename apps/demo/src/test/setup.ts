import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';

// The project also runs Node tests (the stack); only jsdom files get the DOM set-up.
if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
  // jsdom has no layout: scrolling is a no-op rather than a "Not implemented" error.
  window.scrollTo = () => {};
  // jsdom lacks it; the admin console's virtualized table measures with it.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
