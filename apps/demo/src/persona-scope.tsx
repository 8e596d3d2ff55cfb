import { BillingProvider } from '@billing-kit/react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { DemoSession, Persona } from './session/demo-session.ts';

export interface PersonaScopeProps {
  session: DemoSession;
  persona: Persona;
  children: ReactNode;
}

/**
 * Everything rendered as one persona. Keyed by persona, so a switch remounts it. The persona is
 * activated in the state initializer rather than an effect because children start their queries
 * before a parent's effects run, and offline they must already reach the persona's mock store.
 */
export function PersonaScope({ session, persona, children }: PersonaScopeProps) {
  const queryClient = useQueryClient();
  const [client] = useState(() => {
    session.activate(persona);
    // Who "me" is changed; every other query is keyed by account and stays valid.
    queryClient.removeQueries({ queryKey: ['billing', 'me'] });
    return session.clientFor(persona);
  });
  return (
    <BillingProvider
      client={client}
      accountId={persona.accountId ?? undefined}
      locale="en-US"
      currency="USD"
      theme="light"
      timeZone="UTC"
      refreshIntervalMs={session.mode === 'live' ? 30_000 : false}
    >
      {children}
    </BillingProvider>
  );
}
