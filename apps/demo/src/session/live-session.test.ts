import { describe, expect, test, vi } from 'vitest';
import { loadLiveSession } from './live-session.ts';

const personas = [
  {
    id: 'pro',
    label: 'Pro',
    description: 'Pro monthly',
    accountId: 'acct_demo_pro',
    role: 'member',
    email: 'ada@demo.example',
    token: 'jwt-pro',
  },
];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('loadLiveSession', () => {
  test('reads the personas and the demo clock from the stack, and moves the clock through it', async () => {
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) =>
      String(url) === '/demo/session'
        ? json({
            mode: 'live',
            emulatorUrl: 'http://127.0.0.1:12111',
            now: '2026-11-23T12:00:00.000Z',
            personas,
          })
        : json({ now: init?.body === JSON.stringify({ by: 'day' }) ? '2026-11-24T12:00:00.000Z' : 'never' }),
    );
    const session = await loadLiveSession(fetchImpl as typeof fetch);

    expect(session.mode).toBe('live');
    expect(session.now).toBe('2026-11-23T12:00:00.000Z');
    expect(session.personas.map((persona) => persona.id)).toEqual(['pro']);
    await expect(session.advanceClock?.('day')).resolves.toBe('2026-11-24T12:00:00.000Z');
    expect(fetchImpl).toHaveBeenLastCalledWith(
      '/demo/clock/advance',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  test('a session the contract does not allow fails loudly, naming the field', async () => {
    const fetchImpl = vi.fn(async () => json({ mode: 'live', emulatorUrl: 'x', now: 'yesterday', personas }));
    await expect(loadLiveSession(fetchImpl as typeof fetch)).rejects.toThrow(/now/);
  });

  test('a stack that answers with an error says which request failed', async () => {
    const fetchImpl = vi.fn(async () => json({}, 503));
    await expect(loadLiveSession(fetchImpl as typeof fetch)).rejects.toThrow(
      'GET /demo/session answered 503',
    );
  });
});
