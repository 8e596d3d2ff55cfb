import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { DemoSession, Persona } from './session/demo-session.ts';

export interface PersonaScopeProps {
  session: DemoSession;
  persona: Persona;
  children: ReactNode;
}

/**
 * The part of the page that shows one persona's data; render it keyed by persona so a switch remounts
 * it (and only it: the header keeps focus on the switcher). The persona is activated in the state
 * initializer rather than an effect because children start their queries before a parent's effects
 * run, and offline those queries must already reach the persona's mock store.
 */
export function PersonaScope({ session, persona, children }: PersonaScopeProps) {
  const queryClient = useQueryClient();
  useState(() => {
    session.activate(persona);
    // Who "me" is changed; every other query is keyed by account and stays valid.
    queryClient.removeQueries({ queryKey: ['billing', 'me'] });
    return persona.id;
  });
  return children;
}
