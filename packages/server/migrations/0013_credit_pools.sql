-- Credit systems (issue 8): a feature priced in a credit pool (an image at 5 credits) spends the pool's
-- grants. A hold of such a feature keeps pool units, so it is stored as a hold of the pool — `feature_key`
-- is the pool and `amount` is in pool units, and the held sum every balance reads stays one index-only scan
-- of the pool's holds — and names the feature it was made for, with the cost at the time, so its
-- confirmation records usage of that feature and the reservation reads back in the feature's units.
ALTER TABLE credit_holds
  ADD COLUMN priced_feature_key text,
  ADD COLUMN cost bigint NOT NULL DEFAULT 1 CHECK (cost > 0),
  ADD CONSTRAINT credit_holds_priced_check CHECK (
    (priced_feature_key IS NULL AND cost = 1) OR (priced_feature_key IS NOT NULL AND amount % cost = 0)
  );
