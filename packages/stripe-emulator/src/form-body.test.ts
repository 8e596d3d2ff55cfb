import { describe, expect, it } from 'vitest';
import { parseFormBody } from './form-body.js';

describe('form bodies', () => {
  it('parses Stripe bracket notation into nested objects and arrays', () => {
    expect(
      parseFormBody(
        'items[0][price]=price_a&items[0][quantity]=2&items[1][price]=price_b&metadata[plan]=pro+plus&expand[]=latest_invoice&expand[]=customer&email=a%40b.c',
      ),
    ).toEqual({
      items: [{ price: 'price_a', quantity: '2' }, { price: 'price_b' }],
      metadata: { plan: 'pro plus' },
      expand: ['latest_invoice', 'customer'],
      email: 'a@b.c',
    });
  });

  it('keeps indexes in order, empty values as unset markers and malformed escapes as written', () => {
    expect(parseFormBody('a[1]=second&a[0]=first&description=&bad=%ZZ')).toEqual({
      a: ['first', 'second'],
      description: '',
      bad: '%ZZ',
    });
  });
});
