-- Auto top-up (issue 8): an account opts in to buying a credit pack with its saved card when a feature's
-- available balance falls below a threshold.
--
-- A crossing is decided where the balance is: in the transaction that spends (a track, a reservation, a
-- confirmation), under the grants' lock, as "available was at least the threshold before this transaction
-- and is below it after". Transactions on a feature's grants run one after another, so exactly one of
-- them sees a given crossing, and it records an attempt (`auto_top_ups`) in the same transaction: a
-- crossing is never lost to a crash and never recorded twice. Charging happens after commit, from the
-- attempt, under the attempt's own Stripe idempotency key.
CREATE TABLE auto_top_up_settings (
  account_id text NOT NULL REFERENCES accounts (id),
  -- The feature whose grants the pack adds to: a metered feature or a credit pool.
  feature_key text NOT NULL,
  enabled boolean NOT NULL,
  credit_pack_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  threshold bigint NOT NULL CHECK (threshold > 0),
  max_per_month integer NOT NULL CHECK (max_per_month > 0),
  currency text NOT NULL,
  -- Set when a failed charge turned the setting off; saving it again clears it.
  disabled_reason text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, feature_key)
);

CREATE TABLE auto_top_ups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  feature_key text NOT NULL,
  credit_pack_id text NOT NULL,
  quantity integer NOT NULL,
  -- 'capped': the month's cap was reached when the crossing happened; nothing is charged.
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'capped')),
  currency text NOT NULL,
  balance_before bigint NOT NULL,
  balance_after bigint NOT NULL,
  -- The purchase that pays for it, created when charging starts.
  purchase_id text UNIQUE REFERENCES purchases (id),
  failure_code text,
  failure_message text,
  created_at timestamptz NOT NULL,
  settled_at timestamptz
);
CREATE INDEX auto_top_ups_account_idx ON auto_top_ups (account_id, feature_key, created_at DESC);
CREATE INDEX auto_top_ups_pending_idx ON auto_top_ups (id) WHERE status = 'pending';

-- A purchase the server started by itself (an auto top-up) rather than through Checkout: its grant is a
-- `top_up`.
ALTER TABLE purchases ADD COLUMN origin text NOT NULL DEFAULT 'checkout'
  CHECK (origin IN ('checkout', 'auto_top_up'));
