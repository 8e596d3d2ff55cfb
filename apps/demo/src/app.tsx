import { BillingProvider } from '@billing-kit/react';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { AdminPage } from './admin/admin-page.tsx';
import { BillingPage } from './billing/billing-page.tsx';
import { PricingPage } from './billing/pricing-page.tsx';
import { type DemoLocation, type PageId, pushPersona, useDemoLocation } from './demo-location.ts';
import { AppHeader } from './header/app-header.tsx';
import { useDemoClock } from './header/use-demo-clock.ts';
import { PersonaScope } from './persona-scope.tsx';
import type { DemoSession, Persona } from './session/demo-session.ts';
import { WritePage } from './write/write-page.tsx';

export interface AppProps {
  session: DemoSession;
  queryClient: QueryClient;
}

function NoAccount({ persona }: { persona: Persona }) {
  return (
    <div className="demo-panel">
      <h1>No account to show</h1>
      <p>
        {persona.label} runs the platform and bills no account of their own. Pick a customer in “Viewing as”,
        or open the <a href="#/admin">admin console</a>.
      </p>
    </div>
  );
}

function Page({
  session,
  persona,
  location,
  now,
}: {
  session: DemoSession;
  persona: Persona;
  location: DemoLocation;
  now: string;
}) {
  const adminPersona = session.personas.find((candidate) => candidate.role === 'admin');
  if (location.page === 'admin') {
    return (
      <AdminPage
        persona={persona}
        now={now}
        onSwitchToAdmin={adminPersona ? () => pushPersona(adminPersona.id) : null}
      />
    );
  }
  if (!persona.accountId) return <NoAccount persona={persona} />;
  switch (location.page) {
    case 'pricing':
      return <PricingPage session={session} persona={persona} />;
    case 'billing':
      return <BillingPage session={session} persona={persona} now={now} flash={location.flash} />;
    default:
      return <WritePage accountId={persona.accountId} />;
  }
}

/** Where a persona switch lands: the same page when the new persona may see it, else their home. */
function pageAfterSwitch(persona: Persona, page: PageId): PageId {
  if (page === 'admin') return persona.role === 'admin' ? 'admin' : 'write';
  if (!persona.accountId && persona.role === 'admin') return 'admin';
  return page;
}

/** Quill, the demo product: a persona in the URL, a page in the hash, billing-kit on every page. */
export function App({ session, queryClient }: AppProps) {
  const location = useDemoLocation();
  const [now, setNow] = useDemoClock(session);
  const mainRef = useRef<HTMLElement>(null);
  const shownPage = useRef(location.page);
  // A new page starts at its top with focus on its content, as a full page load would.
  useEffect(() => {
    if (shownPage.current === location.page) return;
    shownPage.current = location.page;
    mainRef.current?.focus();
    window.scrollTo(0, 0);
  }, [location.page]);
  const persona =
    session.personas.find((candidate) => candidate.id === location.personaId) ?? session.personas[0]!;
  return (
    <QueryClientProvider client={queryClient}>
      <BillingProvider
        client={session.clientFor(persona)}
        accountId={persona.accountId ?? undefined}
        locale="en-US"
        currency="USD"
        theme="light"
        timeZone="UTC"
        refreshIntervalMs={session.mode === 'live' ? 30_000 : false}
      >
        <div className="demo-app">
          <AppHeader
            session={session}
            persona={persona}
            page={location.page}
            now={now}
            onPersonaChange={(personaId) => {
              const next = session.personas.find((candidate) => candidate.id === personaId);
              pushPersona(personaId, next ? pageAfterSwitch(next, location.page) : location.page);
            }}
            onClockAdvanced={setNow}
          />
          <main className="demo-main" ref={mainRef} tabIndex={-1}>
            <PersonaScope key={persona.id} session={session} persona={persona}>
              <Page session={session} persona={persona} location={location} now={now} />
            </PersonaScope>
          </main>
          <footer className="demo-footer">
            <p>
              Quill is a demo of billing-kit: the pricing, billing and admin screens are its React components;
              every draft goes through <code>check</code> and <code>track</code>, or a reservation.
            </p>
          </footer>
        </div>
      </BillingProvider>
    </QueryClientProvider>
  );
}
