// @vitest-environment node
import { errorBody } from '@billing-kit/contracts';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createBillingClient } from './create-billing-client.js';

const baseUrl = 'http://billing.test/api/billing';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const checkPath = `${baseUrl}/accounts/:accountId/check`;
const allowed = {
  allowed: true,
  feature: 'credits',
  kind: 'metered',
  requested: 2,
  unlimited: false,
  limit: 400,
  remaining: 120,
  resetsAt: '2026-12-01T00:00:00.000Z',
  overage: false,
  reason: null,
};
const input = { accountId: 'acc_1', feature: 'credits', amount: 2 };

describe('check when the billing server cannot answer', () => {
  test('fails closed by default, saying so in the answer', async () => {
    server.use(http.post(checkPath, () => HttpResponse.error()));
    const result = await createBillingClient({ baseUrl }).check(input);
    expect(result).toMatchObject({ allowed: false, feature: 'credits', requested: 2, reason: null });
    expect(result.degraded).toEqual({
      failMode: 'closed',
      cause: 'unreachable',
      message: expect.stringContaining('Could not reach'),
    });
  });

  test('fails open when the host chooses it, on the client or per call', async () => {
    server.use(http.post(checkPath, () => HttpResponse.error()));
    expect(await createBillingClient({ baseUrl, failMode: 'open' }).check(input)).toMatchObject({
      allowed: true,
      degraded: { failMode: 'open', cause: 'unreachable' },
    });
    expect(
      await createBillingClient({ baseUrl, failMode: 'open' }).check(input, { failMode: 'closed' }),
    ).toMatchObject({
      allowed: false,
      degraded: { failMode: 'closed' },
    });
  });

  test('a timeout is reported as such', async () => {
    server.use(http.post(checkPath, () => new Promise<Response>(() => undefined) as unknown as Response));
    const result = await createBillingClient({ baseUrl, failMode: 'open' }).check(input, { timeoutMs: 20 });
    expect(result).toMatchObject({ allowed: true, degraded: { failMode: 'open', cause: 'timeout' } });
  });

  test('a server that answers decides, errors included; no degraded flag', async () => {
    server.use(http.post(checkPath, () => HttpResponse.json(allowed)));
    const answered = await createBillingClient({ baseUrl, failMode: 'closed' }).check(input);
    expect(answered).toEqual(allowed);
    server.use(
      http.post(checkPath, () =>
        HttpResponse.json(errorBody('validation_failed', 'bad feature'), { status: 400 }),
      ),
    );
    await expect(createBillingClient({ baseUrl, failMode: 'open' }).check(input)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
