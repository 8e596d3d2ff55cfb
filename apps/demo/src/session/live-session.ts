import { createBillingClient } from '@billing-kit/client';
import {
  ClockAdvanceResponse,
  type ClockStep,
  type DemoSession,
  LiveSessionResponse,
  type Persona,
} from './demo-session.ts';

async function readJson(response: Response, what: string): Promise<unknown> {
  if (!response.ok) throw new Error(`${what} answered ${response.status} ${response.statusText}`);
  return response.json();
}

/** The live demo: personas, tokens and the test clock from the stack on this origin. */
export async function loadLiveSession(fetchImpl: typeof fetch = fetch): Promise<DemoSession> {
  const session = LiveSessionResponse.parse(
    await readJson(await fetchImpl('/demo/session'), 'GET /demo/session'),
  );
  const clients = new Map<string, ReturnType<typeof createBillingClient>>();
  return {
    mode: 'live',
    personas: session.personas,
    now: session.now,
    activate: () => {},
    clientFor: (persona: Persona) => {
      let client = clients.get(persona.id);
      if (!client) {
        client = createBillingClient({ baseUrl: '/api/billing', getToken: () => persona.token });
        clients.set(persona.id, client);
      }
      return client;
    },
    advanceClock: async (by: ClockStep) => {
      const response = await fetchImpl('/demo/clock/advance', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ by }),
      });
      return ClockAdvanceResponse.parse(await readJson(response, 'POST /demo/clock/advance')).now;
    },
    followRedirect: (url) => {
      window.location.assign(url);
      return 'left';
    },
  };
}
