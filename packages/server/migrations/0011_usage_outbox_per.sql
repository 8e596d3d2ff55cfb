-- Overage reaches Stripe in billing units (usage ÷ `per`, e.g. thousands of words) so a metered price is a
-- whole number of minor units per unit; each outbox row keeps the `per` its plan had when it was recorded.
ALTER TABLE usage_outbox ADD COLUMN per bigint NOT NULL DEFAULT 1 CHECK (per > 0);
