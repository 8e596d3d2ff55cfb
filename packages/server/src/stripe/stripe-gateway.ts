import Stripe from 'stripe';
import { BillingError, notConfigured } from '../billing-error.js';

export interface StripeSettings {
  secretKey?: string | undefined;
  webhookSecret?: string | undefined;
  /** Where the SDK sends requests instead of api.stripe.com, e.g. the emulator at http://127.0.0.1:12111. */
  apiBase?: string | undefined;
}

/**
 * The server's one door to Stripe. Domain code asks it for calls, never for a key: a missing key becomes
 * `not_configured` and any Stripe failure becomes `stripe_unavailable`, so callers see the contract's codes.
 */
export interface StripeGateway {
  readonly configured: boolean;
  call<T>(operation: (stripe: Stripe) => Promise<T>): Promise<T>;
  /** Verifies a webhook's signature on its raw body; a bad or missing signature is `validation_failed`. */
  verifyEvent(rawBody: Buffer | string, signature: string | undefined): Stripe.Event;
}

export function stripeClientOptions(apiBase: string | undefined): Stripe.StripeConfig {
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000, telemetry: false };
  if (!apiBase) return options;
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    ...options,
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
  };
}

export function toStripeUnavailable(error: unknown): BillingError {
  if (error instanceof Stripe.errors.StripeError) {
    return new BillingError('stripe_unavailable', `Stripe refused the request: ${error.message}`, {
      stripeType: error.type,
      ...(error.code ? { stripeCode: error.code } : {}),
      ...(error.requestId ? { stripeRequestId: error.requestId } : {}),
    });
  }
  return new BillingError('stripe_unavailable', 'Stripe could not be reached');
}

export function createStripeGateway(settings: StripeSettings): StripeGateway {
  const client = settings.secretKey
    ? new Stripe(settings.secretKey, stripeClientOptions(settings.apiBase))
    : undefined;
  return {
    configured: client !== undefined,
    async call(operation) {
      if (!client) throw notConfigured(['STRIPE_SECRET_KEY']);
      try {
        return await operation(client);
      } catch (error) {
        if (error instanceof BillingError) throw error;
        throw toStripeUnavailable(error);
      }
    },
    verifyEvent(rawBody, signature) {
      if (!settings.webhookSecret) throw notConfigured(['STRIPE_WEBHOOK_SECRET']);
      if (!signature) {
        throw new BillingError('validation_failed', 'The Stripe-Signature header is missing', {
          issues: [{ field: 'headers.stripe-signature', message: 'required' }],
        });
      }
      try {
        return Stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret);
      } catch {
        throw new BillingError('validation_failed', 'The Stripe signature does not match this payload', {
          issues: [{ field: 'headers.stripe-signature', message: 'does not verify' }],
        });
      }
    },
  };
}
