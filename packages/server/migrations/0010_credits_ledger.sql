-- The credits ledger (issue 5): grants, usage events, ledger entries, limit counts and the usage outbox.
--
-- A grant keeps a `remaining` column, changed only in the transaction that records why (a ledger entry per
-- grant touched), so a balance is one indexed sum and the ledger still explains every unit. Expiry needs no
-- job: a grant past `expires_at` is simply not live, and the ledger shows its unspent remainder as expired.

CREATE TABLE credit_grants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  feature_key text NOT NULL,
  source text NOT NULL CHECK (
    source IN ('plan', 'rollover', 'credit_pack', 'add_on', 'adjustment', 'promotion', 'top_up')
  ),
  amount bigint NOT NULL CHECK (amount >= 0),
  remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
  effective_at timestamptz NOT NULL,
  expires_at timestamptz,
  -- Allowances of a plan or add-on for one period: `plan:pro:2026-11-01T00:00:00.000Z`. Unique per account
  -- and feature, so creating a period's allowance twice (late job, racing requests) creates it once.
  period_key text,
  -- What bought it (a purchase id), unique per source so a replayed webhook grants once.
  reference text,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX credit_grants_period_idx ON credit_grants (account_id, feature_key, period_key)
  WHERE period_key IS NOT NULL;
CREATE UNIQUE INDEX credit_grants_reference_idx ON credit_grants (source, reference) WHERE reference IS NOT NULL;
CREATE INDEX credit_grants_account_idx ON credit_grants (account_id, feature_key, expires_at);

-- One consumption (or, for limit features, one move of the count), once per (account, idempotency key).
-- The columns after `amount` are the answer given the first time, replayed for a repeated key.
CREATE TABLE usage_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  idempotency_key text NOT NULL,
  feature_key text NOT NULL,
  amount bigint NOT NULL,
  overage_units bigint NOT NULL DEFAULT 0,
  unlimited boolean NOT NULL DEFAULT false,
  remaining bigint,
  resets_at timestamptz,
  metadata jsonb,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, idempotency_key)
);
-- Usage summaries sum by feature over a time range of one account: an index-only scan.
CREATE INDEX usage_events_account_time_idx ON usage_events (account_id, occurred_at) INCLUDE (feature_key, amount, overage_units);

CREATE TABLE ledger_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  feature_key text NOT NULL,
  type text NOT NULL CHECK (type IN ('grant', 'usage', 'expiry', 'adjustment')),
  amount bigint NOT NULL,
  source text,
  grant_id bigint REFERENCES credit_grants (id),
  usage_event_id bigint REFERENCES usage_events (id),
  description text NOT NULL,
  reference text,
  at timestamptz NOT NULL
);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, at DESC, id DESC);

-- The current count of a limit feature (seats, projects) as tracked with +N / -N.
CREATE TABLE feature_counts (
  account_id text NOT NULL REFERENCES accounts (id),
  feature_key text NOT NULL,
  count bigint NOT NULL CHECK (count >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, feature_key)
);

-- Usage to bill through Stripe (overage units), written in the transaction of the usage event. The reporter
-- sends each row as a meter event whose identifier is derived from the usage event id, so a reporter that
-- crashes after sending and before marking resends the same identifier and Stripe counts it once.
CREATE TABLE usage_outbox (
  usage_event_id bigint PRIMARY KEY REFERENCES usage_events (id),
  account_id text NOT NULL REFERENCES accounts (id),
  feature_key text NOT NULL,
  units bigint NOT NULL CHECK (units > 0),
  amount bigint NOT NULL DEFAULT 0,
  currency text NOT NULL DEFAULT 'USD',
  occurred_at timestamptz NOT NULL,
  reported_at timestamptz,
  -- 'meter_event' (billed by Stripe on the next invoice) or 'invoice_item' (billed now by an operator).
  reported_via text CHECK (reported_via IN ('meter_event', 'invoice_item')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX usage_outbox_pending_idx ON usage_outbox (usage_event_id) WHERE reported_at IS NULL;
