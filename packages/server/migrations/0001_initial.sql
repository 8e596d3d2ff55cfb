-- Accounts, catalog, Stripe mirror, webhook events and audit log (issue 4).
-- Identifiers of accounts and users come from the host app; Stripe objects keep Stripe's ids.
-- Times are timestamptz; money is bigint minor units with an upper-case ISO currency.

CREATE TABLE accounts (
  id text PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  email text,
  stripe_customer_id text UNIQUE,
  -- The plan in effect, kept by subscription changes so admin lists filter without joins; NULL = free tier.
  plan_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_email_idx ON accounts (lower(email));
CREATE INDEX accounts_plan_idx ON accounts (plan_id);
CREATE INDEX accounts_created_idx ON accounts (created_at DESC, id DESC);

CREATE TABLE account_members (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('member', 'billing_admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, user_id)
);
CREATE INDEX account_members_user_idx ON account_members (user_id);

-- Catalog: synced from billing.config.ts. `definition` keeps the validated config entry as written; the
-- columns beside it are what queries filter, join and sort on.
CREATE TABLE features (
  key text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('metered', 'limit', 'boolean')),
  sort_order integer NOT NULL DEFAULT 0,
  definition jsonb NOT NULL,
  archived_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plans (
  id text PRIMARY KEY,
  name text NOT NULL,
  is_free boolean NOT NULL DEFAULT false,
  contact_sales boolean NOT NULL DEFAULT false,
  trial_days integer CHECK (trial_days > 0),
  sort_order integer NOT NULL DEFAULT 0,
  stripe_product_id text UNIQUE,
  definition jsonb NOT NULL,
  archived_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- At most one live free tier: cancellations fall back to it.
CREATE UNIQUE INDEX plans_one_free_idx ON plans (is_free) WHERE is_free AND archived_at IS NULL;

CREATE TABLE credit_packs (
  id text PRIMARY KEY,
  name text NOT NULL,
  feature_key text NOT NULL REFERENCES features (key),
  amount bigint NOT NULL CHECK (amount > 0),
  expires_after_days integer CHECK (expires_after_days > 0),
  sort_order integer NOT NULL DEFAULT 0,
  stripe_product_id text UNIQUE,
  definition jsonb NOT NULL,
  archived_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE add_ons (
  id text PRIMARY KEY,
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  stripe_product_id text UNIQUE,
  definition jsonb NOT NULL,
  archived_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What a plan or add-on entitles to, per feature. The credits ledger (issue 5) turns metered rows into
-- grants per period. amount NULL = unlimited; reset_interval only for metered features.
CREATE TABLE entitlements (
  owner_kind text NOT NULL CHECK (owner_kind IN ('plan', 'add_on')),
  owner_id text NOT NULL,
  feature_key text NOT NULL REFERENCES features (key),
  amount bigint CHECK (amount >= 0),
  reset_interval text CHECK (reset_interval IN ('day', 'month', 'billing_period')),
  PRIMARY KEY (owner_kind, owner_id, feature_key)
);

-- Every Stripe price the catalog owns: plan prices per interval and currency, pack and add-on prices,
-- metered overage prices. Found in Stripe by lookup_key, so syncing twice creates nothing.
CREATE TABLE prices (
  lookup_key text PRIMARY KEY,
  owner_kind text NOT NULL CHECK (owner_kind IN ('plan', 'credit_pack', 'add_on', 'overage')),
  owner_id text NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  unit_amount bigint CHECK (unit_amount >= 0),
  -- NULL for one-time prices (packs).
  billing_interval text CHECK (billing_interval IN ('month', 'year')),
  usage_type text NOT NULL DEFAULT 'licensed' CHECK (usage_type IN ('licensed', 'metered')),
  stripe_price_id text UNIQUE,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prices_owner_idx ON prices (owner_kind, owner_id);

-- Stripe mirror. stripe_updated_at is the `created` time of the newest event (or fetch) applied, so an older
-- event arriving late never overwrites newer state.
CREATE TABLE subscriptions (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  status text NOT NULL CHECK (
    status IN ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused')
  ),
  plan_id text,
  billing_interval text CHECK (billing_interval IN ('month', 'year')),
  currency text,
  cancel_at_period_end boolean NOT NULL DEFAULT false,
  cancel_at timestamptz,
  canceled_at timestamptz,
  ended_at timestamptz,
  current_period_start timestamptz,
  current_period_end timestamptz,
  trial_start timestamptz,
  trial_end timestamptz,
  stripe_created_at timestamptz NOT NULL,
  stripe_updated_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_account_idx ON subscriptions (account_id, stripe_created_at DESC);
CREATE INDEX subscriptions_status_idx ON subscriptions (status);

CREATE TABLE subscription_items (
  id text PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('plan', 'add_on', 'overage', 'unknown')),
  owner_id text,
  stripe_price_id text NOT NULL,
  price_lookup_key text,
  quantity integer NOT NULL DEFAULT 1,
  current_period_start timestamptz,
  current_period_end timestamptz
);
CREATE INDEX subscription_items_subscription_idx ON subscription_items (subscription_id);

CREATE TABLE invoices (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  subscription_id text,
  number text,
  status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'uncollectible', 'void')),
  billing_reason text,
  currency text NOT NULL,
  subtotal bigint NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0,
  amount_due bigint NOT NULL DEFAULT 0,
  amount_paid bigint NOT NULL DEFAULT 0,
  amount_remaining bigint NOT NULL DEFAULT 0,
  hosted_invoice_url text,
  invoice_pdf text,
  period_start timestamptz,
  period_end timestamptz,
  paid_at timestamptz,
  stripe_created_at timestamptz NOT NULL,
  stripe_updated_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoices_account_idx ON invoices (account_id, stripe_created_at DESC, id DESC);
CREATE INDEX invoices_created_idx ON invoices (stripe_created_at DESC, id DESC);

-- One-time purchases (credit packs). The grant a paid pack creates lives in the ledger (issue 5) and points
-- back here by id.
CREATE TABLE purchases (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  credit_pack_id text NOT NULL,
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'refunded')),
  amount bigint NOT NULL DEFAULT 0,
  currency text NOT NULL,
  stripe_checkout_session_id text UNIQUE,
  stripe_payment_intent_id text UNIQUE,
  paid_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX purchases_account_idx ON purchases (account_id, created_at DESC, id DESC);

-- Every webhook event once, by Stripe's id. processed_at is set in the same transaction as its effects.
CREATE TABLE stripe_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  stripe_created_at timestamptz NOT NULL,
  livemode boolean NOT NULL DEFAULT false,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX stripe_events_type_idx ON stripe_events (type, stripe_created_at);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text REFERENCES accounts (id),
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'admin', 'api_key', 'stripe', 'system')),
  actor_id text,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  request_id text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, at DESC, id DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at DESC);
