import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

describe('command line', () => {
  it('reads port, webhooks, secret, data file and retry schedule', () => {
    expect(
      parseCliOptions([
        '--port',
        '12111',
        '--webhook',
        'http://localhost:8787/api/billing/webhooks/stripe',
        '--webhook',
        'http://localhost:9000/hooks',
        '--webhook-secret',
        'whsec_local',
        '--data',
        '.data/stripe.json',
        '--retry-schedule',
        '100,200',
      ]),
    ).toEqual({
      port: 12111,
      host: '127.0.0.1',
      webhooks: [
        { url: 'http://localhost:8787/api/billing/webhooks/stripe' },
        { url: 'http://localhost:9000/hooks' },
      ],
      webhookSecret: 'whsec_local',
      persistPath: '.data/stripe.json',
      retrySchedule: [100, 200],
    });
  });

  it('defaults to port 12111 and rejects bad input', () => {
    expect(parseCliOptions([])).toMatchObject({ port: 12111, webhooks: [] });
    expect(parseCliOptions(['--help'])).toBe('help');
    expect(() => parseCliOptions(['--port', 'abc'])).toThrow('Invalid --port');
    expect(() => parseCliOptions(['--nope'])).toThrow();
  });
});
