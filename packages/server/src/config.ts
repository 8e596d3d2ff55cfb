import { z } from 'zod';

// Empty variables (`FOO=` in an env file) mean "not set", not "set to nothing".
const optionalString = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());
const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalUrl,
  BILLING_DATA_DIR: z.string().default('.data/billing'),
  BILLING_CATALOG: optionalString,
  BILLING_PAST_DUE_ACCESS: z.enum(['keep', 'limit']).default('keep'),
  BILLING_USAGE_REPORT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  BILLING_RETURN_URL_ORIGINS: z.preprocess(
    (value) =>
      typeof value === 'string' && value !== '' ? value.split(',').map((origin) => origin.trim()) : undefined,
    z.array(z.url().transform((origin) => new URL(origin).origin)).optional(),
  ),
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_BASE: optionalUrl,
  BILLING_JWT_SECRET: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  BILLING_JWKS_URL: optionalUrl,
  BILLING_JWT_ISSUER: optionalString,
  BILLING_JWT_AUDIENCE: optionalString,
  BILLING_API_KEY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
});

export interface ServerConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  database: { url?: string | undefined; dataDir: string };
  /** Origins checkout and the portal may send buyers back to (BILLING_RETURN_URL_ORIGINS, comma-separated). */
  returnUrlOrigins?: string[] | undefined;
  /** Whether past-due accounts keep access while Stripe retries. */
  pastDueAccess: 'keep' | 'limit';
  /** How often pending overage is sent to Stripe as meter events (0: never; run `billing-kit report-usage`). */
  usageReportIntervalMs: number;
  /** Catalog to sync on start: `demo` or a billing.config module path; unset leaves the stored catalog. */
  catalog?: string | undefined;
  stripe: {
    secretKey?: string | undefined;
    webhookSecret?: string | undefined;
    apiBase?: string | undefined;
  };
  auth: {
    jwtSecret?: string | undefined;
    jwksUrl?: string | undefined;
    issuer?: string | undefined;
    audience?: string | undefined;
    apiKey?: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`billing server configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the server's settings from environment variables, naming every variable that is malformed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const vars = parsed.data;
  return {
    env: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    database: { url: vars.DATABASE_URL, dataDir: vars.BILLING_DATA_DIR },
    catalog: vars.BILLING_CATALOG,
    pastDueAccess: vars.BILLING_PAST_DUE_ACCESS,
    usageReportIntervalMs: vars.BILLING_USAGE_REPORT_INTERVAL_SECONDS * 1000,
    returnUrlOrigins: vars.BILLING_RETURN_URL_ORIGINS,
    stripe: {
      secretKey: vars.STRIPE_SECRET_KEY,
      webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
      apiBase: vars.STRIPE_API_BASE,
    },
    auth: {
      jwtSecret: vars.BILLING_JWT_SECRET,
      jwksUrl: vars.BILLING_JWKS_URL,
      issuer: vars.BILLING_JWT_ISSUER,
      audience: vars.BILLING_JWT_AUDIENCE,
      apiKey: vars.BILLING_API_KEY,
    },
  };
}

/** Every secret a production server needs and does not have, by environment variable name. */
export function missingProductionSecrets(config: ServerConfig): string[] {
  const missing: string[] = [];
  if (!config.database.url) missing.push('DATABASE_URL');
  if (!config.stripe.secretKey) missing.push('STRIPE_SECRET_KEY');
  if (!config.stripe.webhookSecret) missing.push('STRIPE_WEBHOOK_SECRET');
  if (!config.auth.jwtSecret && !config.auth.jwksUrl) missing.push('BILLING_JWT_SECRET or BILLING_JWKS_URL');
  if (!config.auth.apiKey) missing.push('BILLING_API_KEY');
  return missing;
}

/** Refuses a production start without its secrets; elsewhere missing ones surface as `not_configured`. */
export function assertStartable(config: ServerConfig): void {
  if (config.env !== 'production') return;
  const missing = missingProductionSecrets(config);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((name) => `${name} is required when NODE_ENV=production`));
  }
}
