import { customerClockId, type EmulatorContext, emit } from '../context.js';
import { idOf } from '../lookups.js';

/** Open Checkout Sessions past `expires_at` expire (`checkout.session.expired`), per clock or wall time. */
export function expireCheckoutSessions(context: EmulatorContext, clockId: string | null, now: number): void {
  for (const session of context.store.checkoutSessions.values()) {
    if (session.status !== 'open' || session.expires_at > now) continue;
    const customer = context.store.customers.get(idOf(session.customer) ?? '');
    if (customerClockId(customer) !== clockId) continue;
    session.status = 'expired';
    session.url = null;
    context.store.pendingAuthentications.delete(session.id);
    emit(context, 'checkout.session.expired', session, session.expires_at);
  }
}
