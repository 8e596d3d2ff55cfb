import { emit } from '../context.js';
import { randomToken } from '../ids.js';
import { requireCustomer } from '../lookups.js';
import type { PortalSessionObject } from '../objects.js';
import { readPortalFlow } from '../pages/portal-flows.js';
import { api, type Route } from '../router.js';

export const portalSessionRoutes: Route[] = [
  api('POST', '/v1/billing_portal/sessions', ({ params }, context) => {
    const customer = requireCustomer(context, params.requiredString('customer'));
    const flow = readPortalFlow(context, customer.id, params);
    const id = `bps_${randomToken(24)}`;
    const session = {
      id,
      object: 'billing_portal.session',
      configuration: params.string('configuration') ?? 'bpc_emulator_default',
      created: context.realNow(),
      customer: customer.id,
      customer_account: null,
      flow,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: params.string('return_url') ?? null,
      url: `${context.baseUrl}/portal/${id}`,
    } satisfies PortalSessionObject;
    context.store.portalSessions.set(id, session);
    emit(context, 'billing_portal.session.created', session, session.created);
    return session;
  }),
];
