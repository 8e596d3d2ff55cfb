export type { DunningPolicy } from './context.js';
export type {
  Delivery,
  DeliveryAttempt,
  StripeEmulatorHandle,
  StripeEmulatorHandle as EmulatorHandle,
  StripeEmulatorOptions,
} from './emulator.js';
export { defaultWebhookSecret, startStripeEmulator } from './emulator.js';
export { type HostedCheckoutAnswer, payHostedCheckout } from './pages/pay-hosted-checkout.js';
