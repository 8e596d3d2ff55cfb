import { createBillingClient } from '@billing-kit/client';
import { createBillingHandlers, createMockStore, type ScenarioName } from '@billing-kit/mocks';
import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { getResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { BillingProvider, useBillingContext } from './billing-provider.js';
import { useSetAutoTopUp } from './hooks/use-billing-mutations.js';
import { useAutoTopUps } from './hooks/use-billing-queries.js';

// The README's auto top-up example, verbatim from here to the end of the component, so it keeps running.
function AutoTopUpSwitch() {
  const { format } = useBillingContext();
  const { data } = useAutoTopUps();
  const save = useSetAutoTopUp();
  const setting = data?.data.find((candidate) => candidate.feature === 'credits');
  return (
    <div>
      <label>
        <input
          type="checkbox"
          checked={setting?.enabled ?? false}
          disabled={!data || save.isPending}
          onChange={(event) =>
            save.mutate({
              feature: 'credits',
              enabled: event.target.checked,
              packId: 'credits_100',
              threshold: 40,
              maxPerMonth: 3,
            })
          }
        />
        Top up credits automatically
      </label>
      {setting?.enabled ? (
        <p>{`Buys ${setting.units} credits for ${format.money(setting.price)} when fewer than ${setting.threshold} are left.`}</p>
      ) : null}
      {setting?.disabledReason ? <p>{`Turned off: ${setting.disabledReason}`}</p> : null}
      {save.error ? <p role="alert">{save.error.message}</p> : null}
    </div>
  );
}

const baseUrl = 'http://billing.test/api/billing';

function renderSwitch(scenario: ScenarioName) {
  const store = createMockStore(scenario);
  const handlers = createBillingHandlers({ baseUrl, scenario: store });
  const client = createBillingClient({
    baseUrl,
    retry: { attempts: 1 },
    fetch: async (input, init) =>
      (await getResponse(handlers, new Request(input, init))) ?? new Response('unhandled', { status: 599 }),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <BillingProvider client={client} queryClient={queryClient} accountId={store.accountId}>
      <AutoTopUpSwitch />
    </BillingProvider>,
  );
}

describe('the README’s auto top-up checkbox', () => {
  test('turns auto top-up on and says what it will buy', async () => {
    renderSwitch('pro_rollover');
    const toggle = await screen.findByRole('checkbox', { name: 'Top up credits automatically' });
    await expect.poll(() => toggle.hasAttribute('disabled')).toBe(false);
    await userEvent.click(toggle);
    expect(await screen.findByText('Buys 100 credits for $9.00 when fewer than 40 are left.')).toBeVisible();
    expect(toggle).toBeChecked();
  });

  test('an account with no card is told to add one', async () => {
    renderSwitch('free');
    const toggle = await screen.findByRole('checkbox', { name: 'Top up credits automatically' });
    await expect.poll(() => toggle.hasAttribute('disabled')).toBe(false);
    await userEvent.click(toggle);
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Add a card first/);
  });
});
