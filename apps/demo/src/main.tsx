import '@billing-kit/react/styles.css';
import './styles.css';
import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app.tsx';
import type { DemoSession } from './session/demo-session.ts';

async function startSession(): Promise<DemoSession> {
  // Imported only where used, so the live build carries no MSW and the offline one no live code paths.
  if (import.meta.env.VITE_DEMO_MODE === 'offline') {
    return (await import('./session/offline-worker.ts')).startOfflineSession();
  }
  return (await import('./session/live-session.ts')).loadLiveSession();
}

async function start(root: Root) {
  try {
    const session = await startSession();
    const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } });
    root.render(
      <StrictMode>
        <App session={session} queryClient={queryClient} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <main className="demo-main">
        <section className="demo-panel demo-notice demo-notice--error" role="alert">
          <h1>The demo could not start</h1>
          <p>{error instanceof Error ? error.message : String(error)}</p>
          <p>
            Live, it needs the stack (<code>npm start</code>); without a server, use{' '}
            <code>npm run demo:offline</code>.
          </p>
        </section>
      </main>,
    );
  }
}

void start(createRoot(document.getElementById('root')!));
