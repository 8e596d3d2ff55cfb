-- Reservations (issue 8): a hold keeps N units of a metered feature for a long job until it is confirmed
-- with the real amount (recorded as ordinary usage, `usage_event_id`), released, or left to expire.
--
-- Holds are virtual: a hold never moves `credit_grants.remaining`. A feature's available balance is its live
-- grants' remaining minus the amount of its holds still 'held' with `expires_at` in the future, so a
-- forgotten hold gives its units back by time alone: nothing has to run for that, and nothing can give them
-- back twice. Marking such holds 'expired' (the sweeper) is bookkeeping and changes no balance. Holds name
-- the account and feature, not grants, so a plan change or a pack bought during a hold keeps it.
CREATE TABLE credit_holds (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  feature_key text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'confirmed', 'released', 'expired')),
  -- The caller's key for the reservation: the same key again answers the same hold.
  idempotency_key text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  settled_at timestamptz,
  -- The usage a confirmation recorded (none when it confirmed 0 units).
  usage_event_id bigint REFERENCES usage_events (id),
  UNIQUE (account_id, idempotency_key)
);
-- The held sum read with every balance: an index-only scan of the account's live holds.
CREATE INDEX credit_holds_held_idx ON credit_holds (account_id, feature_key) INCLUDE (amount, expires_at)
  WHERE status = 'held';
-- The sweeper's scan across accounts.
CREATE INDEX credit_holds_expiry_idx ON credit_holds (expires_at) WHERE status = 'held';
