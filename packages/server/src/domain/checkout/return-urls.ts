import { BillingError } from '../../billing-error.js';
import type { BillingServices } from '../../services.js';

/**
 * Stripe sends the buyer back to whatever URL checkout and the portal were given. When the host lists its
 * origins, any other URL is refused, so a crafted request cannot turn the billing flow into an open redirect.
 */
export function assertReturnUrl(services: BillingServices, url: string, field: string): void {
  const allowed = services.returnUrlOrigins;
  if (!allowed || allowed.length === 0) return;
  const origin = URL.canParse(url) ? new URL(url).origin : null;
  if (origin && allowed.includes(origin)) return;
  throw new BillingError('validation_failed', `${field} must be on ${allowed.join(' or ')}`, {
    issues: [{ field, message: `must start with one of ${allowed.join(', ')}` }],
  });
}
