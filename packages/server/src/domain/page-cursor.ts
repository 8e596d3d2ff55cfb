import { BillingError } from '../billing-error.js';

/** Keyset pagination cursor: the sort value and id of the last row a page showed, opaque to clients. */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { sortValue: string; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [sortValue, id] = decoded as unknown[];
      if (typeof sortValue === 'string' && typeof id === 'string') return { sortValue, id };
    }
  } catch {
    // falls through to the same answer as a well-formed but foreign cursor
  }
  throw new BillingError('validation_failed', 'The cursor is not one this server issued', {
    issues: [{ field: 'query.cursor', message: 'unknown cursor' }],
  });
}
