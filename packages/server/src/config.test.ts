import { describe, expect, it } from 'vitest';
import { assertStartable, ConfigError, loadConfig, missingProductionSecrets } from './config.js';

describe('loadConfig', () => {
  it('runs with nothing set: embedded database under .data, no Stripe, port 4000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 4000, database: { dataDir: '.data/billing' } });
    expect(config.stripe.secretKey).toBeUndefined();
  });

  it('reads return URL origins as a comma-separated list of origins', () => {
    const config = loadConfig({
      BILLING_RETURN_URL_ORIGINS: 'https://app.example.com/billing, http://localhost:5173',
    });
    expect(config.returnUrlOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it('reports usage to Stripe every minute unless told otherwise; 0 turns the schedule off', () => {
    expect(loadConfig({}).usageReportIntervalMs).toBe(60_000);
    expect(loadConfig({ BILLING_USAGE_REPORT_INTERVAL_SECONDS: '300' }).usageReportIntervalMs).toBe(300_000);
    expect(loadConfig({ BILLING_USAGE_REPORT_INTERVAL_SECONDS: '0' }).usageReportIntervalMs).toBe(0);
    expect(() => loadConfig({ BILLING_USAGE_REPORT_INTERVAL_SECONDS: '-1' })).toThrow(
      /BILLING_USAGE_REPORT_INTERVAL_SECONDS/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ STRIPE_SECRET_KEY: '', DATABASE_URL: '' }).stripe.secretKey).toBeUndefined();
  });

  it('names every malformed variable', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'eighty', BILLING_JWT_SECRET: 'short', STRIPE_API_BASE: 'not a url' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = String((error as ConfigError).message);
    for (const name of ['PORT', 'BILLING_JWT_SECRET', 'STRIPE_API_BASE']) expect(message).toContain(name);
  });
});

describe('production mode', () => {
  it('refuses to start and names every missing secret', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(missingProductionSecrets(config)).toEqual([
      'DATABASE_URL',
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'BILLING_JWT_SECRET or BILLING_JWKS_URL',
      'BILLING_API_KEY',
    ]);
    expect(() => assertStartable(config)).toThrow(/STRIPE_WEBHOOK_SECRET is required/);
  });

  it('starts when every secret is there', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db/billing',
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_123',
      BILLING_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
      BILLING_API_KEY: 'a-long-server-key-0123456789',
    });
    expect(() => assertStartable(config)).not.toThrow();
  });

  it('lets a development server start without secrets', () => {
    expect(() => assertStartable(loadConfig({}))).not.toThrow();
  });
});
