import { describe, expect, it } from 'vitest';
import type { BillingServices } from '../../services.js';
import { assertReturnUrl } from './return-urls.js';

const services = (returnUrlOrigins?: string[]) => ({ returnUrlOrigins }) as BillingServices;

describe('assertReturnUrl', () => {
  it('allows any URL when the host lists no origins', () => {
    expect(() => assertReturnUrl(services(), 'https://anywhere.example/x', 'body.successUrl')).not.toThrow();
  });

  it('allows the listed origins and refuses others, naming the field', () => {
    const listed = services(['https://app.example.com']);
    expect(() =>
      assertReturnUrl(listed, 'https://app.example.com/billing?ok=1', 'body.successUrl'),
    ).not.toThrow();
    for (const url of [
      'https://evil.example/app.example.com',
      'https://app.example.com.evil.example/',
      'http://app.example.com/',
    ]) {
      expect(() => assertReturnUrl(listed, url, 'body.returnUrl')).toThrow(
        expect.objectContaining({
          code: 'validation_failed',
          details: { issues: [expect.objectContaining({ field: 'body.returnUrl' })] },
        }),
      );
    }
  });
});
