import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// One system call per few thousand ids instead of one per id.
let pool = Buffer.alloc(0);
let offset = 0;

export function randomToken(length: number): string {
  if (offset + length > pool.length) {
    pool = randomBytes(Math.max(4096, length));
    offset = 0;
  }
  let token = '';
  for (let index = 0; index < length; index++)
    token += alphabet[(pool[offset + index] ?? 0) % alphabet.length];
  offset += length;
  return token;
}

/** Stripe-looking ids: `cus_` + 14 chars, `cs_test_` + 58, and so on. */
export function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomToken(length)}`;
}
