import type { CardBehavior } from './objects.js';

export interface TestCard {
  brand: 'visa' | 'mastercard' | 'amex';
  last4: string;
  behavior: CardBehavior;
  /** Declined as soon as it is attached or used in Checkout (`4000 0000 0000 0002`). */
  declinedAtAttach: boolean;
  /** Checkout shows a 3-D Secure step before accepting it (`4000 0025 0000 3155`). */
  requiresAuthentication: boolean;
}

const card = (
  brand: TestCard['brand'],
  last4: string,
  behavior: CardBehavior = 'succeeds',
  extra: Partial<TestCard> = {},
): TestCard => ({ brand, last4, behavior, declinedAtAttach: false, requiresAuthentication: false, ...extra });

const byNumber: Record<string, TestCard> = {
  '4242424242424242': card('visa', '4242'),
  '5555555555554444': card('mastercard', '4444'),
  '378282246310005': card('amex', '0005'),
  '4000000000000341': card('visa', '0341', 'charge_fails'),
  '4000000000000002': card('visa', '0002', 'succeeds', { declinedAtAttach: true }),
  '4000000000009995': card('visa', '9995', 'succeeds', { declinedAtAttach: true }),
  '4000002500003155': card('visa', '3155', 'succeeds', { requiresAuthentication: true }),
};

// Stripe's test PaymentMethod ids and tokens, each standing for one of the numbers above.
const byToken: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  tok_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  tok_mastercard: '5555555555554444',
  pm_card_amex: '378282246310005',
  tok_amex: '378282246310005',
  pm_card_chargeCustomerFail: '4000000000000341',
  tok_chargeCustomerFail: '4000000000000341',
  pm_card_visa_chargeDeclined: '4000000000000002',
  tok_visa_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclined: '4000000000000002',
  tok_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_authenticationRequired: '4000002500003155',
  pm_card_threeDSecure2Required: '4000002500003155',
};

export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function testCardForNumber(input: string): TestCard | undefined {
  const number = normalizeCardNumber(input);
  const known = byNumber[number];
  if (known) return known;
  // Any other number that passes the Luhn check behaves like a plain successful card.
  if (/^\d{13,19}$/.test(number) && luhnValid(number)) return card('visa', number.slice(-4));
  return undefined;
}

export function testCardForToken(token: string): { number: string; card: TestCard } | undefined {
  const number = byToken[token];
  if (!number) return undefined;
  const found = byNumber[number];
  return found ? { number, card: found } : undefined;
}

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
