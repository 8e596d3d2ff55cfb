import { createBillingClient } from '@billing-kit/client';
import {
  createMockStore,
  DEFAULT_NOW,
  type MockStore,
  type ScenarioControl,
  type ScenarioName,
  scenarios,
} from '@billing-kit/mocks';
import type { DemoSession, Persona, PersonaId } from './demo-session.ts';

/** Which mock scenario plays each persona when there is no server. */
const scenarioOfPersona: Record<PersonaId, ScenarioName> = {
  free: 'free',
  trialing: 'trialing',
  pro: 'pro_near_quota',
  past_due: 'past_due',
  enterprise: 'enterprise',
  admin: 'admin',
};

const checkoutUrl = /^https:\/\/checkout\.stripe\.test\/c\/pay\/([^/?#]+)/;

/**
 * The demo on the MSW mocks alone. Each persona keeps its own store for the whole visit, so credits
 * spent as Pro are still spent after a look at the Free persona.
 */
export function createOfflineSession(mocks: ScenarioControl): DemoSession {
  const stores = new Map<PersonaId, MockStore>();
  const storeOf = (id: PersonaId) => {
    let store = stores.get(id);
    if (!store) {
      store = createMockStore(scenarioOfPersona[id]);
      stores.set(id, store);
    }
    return store;
  };
  const personas: Persona[] = (Object.keys(scenarioOfPersona) as PersonaId[]).map((id) => {
    const scenario = scenarios[scenarioOfPersona[id]];
    const store = storeOf(id);
    return {
      id,
      label: scenario.title,
      description: scenario.description,
      accountId: scenario.accountId,
      role: id === 'admin' ? 'admin' : 'member',
      email: store.accounts.get(scenario.accountId)?.email ?? '',
      // The mocks answer without asking who calls.
      token: '',
    };
  });
  // One client for every persona: the mocks answer from whichever store is active.
  const client = createBillingClient({
    baseUrl: new URL('/api/billing', window.location.href).href,
    retry: { attempts: 1 },
  });
  return {
    mode: 'offline',
    personas,
    now: new Date(DEFAULT_NOW).toISOString(),
    activate: (persona) => {
      const store = storeOf(persona.id);
      // biome-ignore lint/correctness/useHookAtTopLevel: the mocks' useScenario mounts a store, it is no React hook
      if (mocks.store !== store) mocks.useScenario(store);
    },
    clientFor: () => client,
    advanceClock: null,
    followRedirect: (url) => {
      const sessionId = checkoutUrl.exec(url)?.[1];
      if (!sessionId) return 'unavailable';
      mocks.store.completeCheckout(sessionId);
      return 'checkout_completed';
    },
  };
}
