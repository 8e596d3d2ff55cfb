import { customerClockId, type EmulatorContext, emit } from '../context.js';
import { idOf } from '../lookups.js';
import { clone } from '../wire.js';

/** Open Checkout Sessions past `expires_at` expire (`checkout.session.expired`), per clock or wall time. */
export function expireCheckoutSessions(context: EmulatorContext, clockId: string | null, now: number): void {
  for (const session of context.store.checkoutSessions.values()) {
    if (session.status !== 'open' || session.expires_at > now) continue;
    const customer = context.store.customers.get(idOf(session.customer) ?? '');
    if (customerClockId(customer) !== clockId) continue;
    session.status = 'expired';
    session.url = null;
    context.store.pendingAuthentications.delete(session.id);
    const { line_items: _lineItems, ...shown } = clone(session);
    emit(context, 'checkout.session.expired', shown, session.expires_at);
  }
}
