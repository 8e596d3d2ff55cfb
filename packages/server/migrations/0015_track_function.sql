-- Spending in the database (issue 5, the in-process `engine.track` target): a group of metered tracks is
-- decided and written by one call of `bk_track_metered`, one round trip instead of five (BEGIN, insert and
-- lock, read, write, COMMIT). The engine still decides what each track is allowed under the plan (rules,
-- periods, costs, overage prices) and passes it in; the function does what needs the locked balance.
--
-- Functions, not tables: `CREATE OR REPLACE` in a later migration changes them in place.

-- The account's plan rows as one JSON text (empty array when the account does not exist): its live
-- subscriptions × their add-on items, newest first, in an order with no ties, so the same rows always
-- render the same text. A track group run under remembered rows compares them with this (plan-memory.ts);
-- the engine reads the plan through it too, so the two renderings are one.
CREATE FUNCTION bk_plan_rows(p_account text) RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN (
    SELECT coalesce(json_agg(json_build_object('plan_id', a.plan_id, 'stripe_customer_id', a.stripe_customer_id,
        'subscription_id', s.id, 'started_at', s.stripe_created_at, 'billing_interval', s.billing_interval,
        'current_period_start', s.current_period_start, 'current_period_end', s.current_period_end,
        'add_on_id', i.owner_id, 'add_on_quantity', i.quantity)
      ORDER BY s.stripe_created_at DESC NULLS LAST, s.id, i.id), '[]')::text
    FROM accounts a
    LEFT JOIN subscriptions s ON s.account_id = a.id
      AND s.status NOT IN ('canceled', 'incomplete_expired', 'incomplete')
    LEFT JOIN subscription_items i ON i.subscription_id = s.id AND i.kind = 'add_on'
    WHERE a.id = p_account);
END $fn$;

-- Locks, for the caller's transaction, every unexpired grant of the account's features in the one order
-- every locker takes them (feature, soonest to expire, id), so two spenders never wait on each other in a
-- cycle. Taken by a statement of its own before any read of the balance: see grants.ts (`lockGrants`).
CREATE FUNCTION bk_lock_grants(p_account text, p_features text[], p_at timestamptz) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM 1 FROM credit_grants
  WHERE account_id = p_account AND feature_key = ANY(p_features) AND (expires_at IS NULL OR expires_at > p_at)
  ORDER BY feature_key, expires_at ASC NULLS LAST, id ASC FOR UPDATE;
END $fn$;

-- Records crossings of auto top-up thresholds as attempts, in the spending transaction (see
-- 0014_auto_top_up.sql): `pending`, or `capped` when the calendar month's (UTC) pending and paid top-ups
-- already reach the setting's cap — settled at once, nothing will be charged. A setting that is off records
-- nothing. Answers whether any attempt is pending, i.e. whether there is something to charge.
CREATE FUNCTION bk_record_crossings(p_account text, p_features text[], p_before bigint[], p_after bigint[],
  p_at timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
  v_pending boolean;
BEGIN
  WITH recorded AS (
    INSERT INTO auto_top_ups (account_id, feature_key, credit_pack_id, quantity, status, currency,
      balance_before, balance_after, created_at, settled_at)
    SELECT s.account_id, s.feature_key, s.credit_pack_id, s.quantity, x.status, s.currency, c.before,
      c.after, p_at, CASE WHEN x.status = 'capped' THEN p_at END
    FROM unnest(p_features, p_before, p_after) AS c(feature, before, after)
    JOIN auto_top_up_settings s ON s.account_id = p_account AND s.feature_key = c.feature AND s.enabled
    CROSS JOIN LATERAL (
      SELECT CASE WHEN count(*) >= s.max_per_month THEN 'capped' ELSE 'pending' END AS status
      FROM auto_top_ups t
      WHERE t.account_id = s.account_id AND t.feature_key = s.feature_key
        AND t.status IN ('pending', 'paid') AND t.created_at >= date_trunc('month', p_at, 'UTC')
    ) AS x
    RETURNING status
  )
  SELECT coalesce(bool_or(status = 'pending'), false) INTO v_pending FROM recorded;
  RETURN v_pending;
END $fn$;

-- Records a group of metered tracks of one account, each atomically and exactly once under its idempotency
-- key, and answers JSON:
--   {"status": "ok", "tracks": [...], "top_up_pending": bool}, one entry per track in the order given:
--     {"event": {...}}    recorded; the usage event with its answer (remaining, overage, resets_at);
--     {"replay": true}    the key was used before: nothing written, the caller answers the stored event;
--     {"denied": units}   not enough available and no overage: nothing written; `units` is what was;
--   {"status": "plan_changed"}      `p_plan_text` is no longer the account's plan rows: nothing written;
--   {"status": "missing", "features": [...]}  a current period's allowance grant is not opened yet: nothing
--                                   written; the caller opens it (idempotent) and calls again.
--
-- The grants of every spent feature are locked first, in the one order every locker takes them, by a
-- statement of its own: a statement that waited for a lock sees other tables as of when it started, so
-- only a read starting after the lock sees every hold committed before (credit_holds are rows of their
-- own). Each statement of a volatile plpgsql function reads a fresh snapshot, so the reads below do.
--
-- Then per spent feature: the live grants in spending order (rolled-over units first, then soonest to
-- expire, never-expiring last), what live holds keep, and the auto top-up threshold; then each of its
-- tracks in order: units = amount × cost in the spent feature's units; what the grants have less what holds
-- keep is available; the covered part is drawn grant by grant (a ledger entry each); the rest is overage,
-- queued for Stripe when the plan prices it, else the track is denied. The CHECK (remaining >= 0) on
-- credit_grants backs the arithmetic. A crossing of the feature's auto top-up threshold (available at the
-- read, less `p_released`, at least the threshold; below it after) is recorded in the same transaction.
--
-- Track arrays are parallel, one element per track; keys must be distinct. Period arrays are parallel, one
-- element per (spent feature, current period key); required ones likewise, per period that needs a grant.
-- `p_lock`: take the grants' locks (PostgreSQL); PGlite runs one transaction at a time, so nothing could
-- come between its read and its writes and the lock would only cost a statement.
CREATE FUNCTION bk_track_metered(
  p_account text,
  p_at timestamptz,
  p_lock boolean,
  p_plan_text text,
  p_released bigint,
  p_features text[],
  p_feature_unlimited boolean[],
  p_period_features text[],
  p_period_keys text[],
  p_required_features text[],
  p_required_keys text[],
  p_keys text[],
  p_track_features text[],
  p_spends text[],
  p_amounts bigint[],
  p_units bigint[],
  p_unlimited boolean[],
  p_resets_at timestamptz[],
  p_metadata text[],
  p_occurred_at timestamptz[],
  p_overage_per bigint[],
  p_overage_price bigint[],
  p_overage_currency text[]
) RETURNS json
LANGUAGE plpgsql AS $fn$
DECLARE
  v_tracks json[] := array_fill(NULL::json, ARRAY[coalesce(array_length(p_keys, 1), 0)]);
  v_missing text[];
  v_pending boolean := false;
  v_feature text;
  v_position int := 0;
  v_keys text[];
  v_ids bigint[];
  v_remaining bigint[];
  v_sources text[];
  v_periods text[];
  v_total bigint;
  v_held bigint;
  v_threshold bigint;
  v_before bigint;
  v_available bigint;
  v_covered bigint;
  v_overage bigint;
  v_left bigint;
  v_take bigint;
  v_event usage_events;
  v_grant record;
  i int;
  j int;
BEGIN
  IF p_lock THEN
    PERFORM bk_lock_grants(p_account, p_features, p_at);
  END IF;

  IF p_plan_text IS NOT NULL AND bk_plan_rows(p_account) IS DISTINCT FROM p_plan_text THEN
    RETURN json_build_object('status', 'plan_changed');
  END IF;

  -- Nothing is written before every feature's allowances are known to be open. One feature (the usual
  -- group) is checked by its grants read below, before its first write.
  IF array_length(p_features, 1) > 1 THEN
    SELECT array_agg(DISTINCT p.feature) INTO v_missing
    FROM unnest(p_required_features, p_required_keys) AS p(feature, key)
    WHERE NOT EXISTS (
      SELECT 1 FROM credit_grants g
      WHERE g.account_id = p_account AND g.feature_key = p.feature AND g.period_key = p.key);
    IF v_missing IS NOT NULL THEN
      RETURN json_build_object('status', 'missing', 'features', v_missing);
    END IF;
  END IF;

  FOREACH v_feature IN ARRAY p_features LOOP
    v_position := v_position + 1;
    IF array_length(p_features, 1) = 1 THEN
      v_keys := p_period_keys;
    ELSE
      SELECT coalesce(array_agg(p.key), '{}') INTO v_keys
      FROM unnest(p_period_features, p_period_keys) AS p(feature, key) WHERE p.feature = v_feature;
    END IF;

    SELECT
      (SELECT coalesce(sum(h.amount), 0) FROM credit_holds h
       WHERE h.account_id = p_account AND h.feature_key = v_feature AND h.status = 'held' AND h.expires_at > p_at),
      (SELECT s.threshold FROM auto_top_up_settings s
       WHERE s.account_id = p_account AND s.feature_key = v_feature AND s.enabled)
    INTO v_held, v_threshold;

    v_ids := '{}';
    v_remaining := '{}';
    v_sources := '{}';
    v_periods := '{}';
    v_total := 0;
    FOR v_grant IN
      SELECT g.id, g.remaining, g.source, g.period_key FROM credit_grants g
      WHERE g.account_id = p_account AND g.feature_key = v_feature AND g.effective_at <= p_at
        AND (g.expires_at IS NULL OR g.expires_at > p_at)
        AND (g.period_key IS NULL OR g.period_key = ANY(v_keys))
      ORDER BY g.source = 'rollover' DESC, g.expires_at ASC NULLS LAST, g.id ASC
    LOOP
      v_ids := v_ids || v_grant.id;
      v_remaining := v_remaining || v_grant.remaining;
      v_sources := v_sources || v_grant.source;
      IF v_grant.period_key IS NOT NULL THEN v_periods := v_periods || v_grant.period_key; END IF;
      v_total := v_total + v_grant.remaining;
    END LOOP;
    IF array_length(p_features, 1) = 1 AND NOT (p_required_keys <@ v_periods) THEN
      RETURN json_build_object('status', 'missing', 'features', ARRAY[v_feature]);
    END IF;

    -- Available at the read, less the units a confirmation released: where an auto top-up crossing starts.
    v_before := greatest(0, greatest(0, v_total - v_held) - p_released);
    FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
      CONTINUE WHEN p_spends[i] <> v_feature;
      v_available := greatest(0, v_total - v_held);
      v_covered := CASE WHEN p_unlimited[i] THEN p_units[i] ELSE least(p_units[i], v_available) END;
      v_overage := p_units[i] - v_covered;
      IF v_overage > 0 AND p_overage_per[i] IS NULL THEN
        -- A denial writes nothing; a key used before answers what it answered then, whatever is left now.
        IF EXISTS (SELECT 1 FROM usage_events e WHERE e.account_id = p_account AND e.idempotency_key = p_keys[i]) THEN
          v_tracks[i] := json_build_object('replay', true);
        ELSE
          v_tracks[i] := json_build_object('denied', v_available);
        END IF;
        CONTINUE;
      END IF;
      INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, metadata, occurred_at,
        recorded_at, overage_units, unlimited, remaining, resets_at)
      VALUES (p_account, p_keys[i], p_track_features[i], p_amounts[i], p_metadata[i]::jsonb, p_occurred_at[i],
        p_at, v_overage, p_unlimited[i], CASE WHEN p_unlimited[i] THEN NULL ELSE v_available - v_covered END,
        p_resets_at[i])
      ON CONFLICT (account_id, idempotency_key) DO NOTHING
      RETURNING * INTO v_event;
      IF NOT FOUND THEN
        v_tracks[i] := json_build_object('replay', true);
        CONTINUE;
      END IF;
      IF NOT p_unlimited[i] THEN
        v_left := v_covered;
        FOR j IN 1 .. coalesce(array_length(v_ids, 1), 0) LOOP
          EXIT WHEN v_left <= 0;
          v_take := least(v_remaining[j], v_left);
          CONTINUE WHEN v_take <= 0;
          UPDATE credit_grants SET remaining = remaining - v_take WHERE id = v_ids[j];
          INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, usage_event_id,
            description, reference, at)
          VALUES (p_account, v_feature, 'usage', -v_take, v_sources[j], v_ids[j], v_event.id, 'Usage', p_keys[i], p_at);
          v_remaining[j] := v_remaining[j] - v_take;
          v_total := v_total - v_take;
          v_left := v_left - v_take;
        END LOOP;
      END IF;
      IF v_overage > 0 THEN
        INSERT INTO usage_outbox (usage_event_id, account_id, feature_key, units, per, amount, currency, occurred_at)
        VALUES (v_event.id, p_account, v_feature, v_overage, p_overage_per[i],
          ceil(v_overage::numeric * p_overage_price[i] / p_overage_per[i])::bigint, p_overage_currency[i], p_at);
      END IF;
      v_tracks[i] := json_build_object('event', json_build_object('id', v_event.id,
        'idempotency_key', v_event.idempotency_key, 'feature_key', v_event.feature_key, 'amount', v_event.amount,
        'overage_units', v_event.overage_units, 'unlimited', v_event.unlimited, 'remaining', v_event.remaining,
        'resets_at', v_event.resets_at, 'recorded_at', v_event.recorded_at));
    END LOOP;

    v_available := greatest(0, v_total - v_held);
    IF NOT p_feature_unlimited[v_position] AND v_threshold IS NOT NULL
      AND v_before >= v_threshold AND v_available < v_threshold THEN
      v_pending := bk_record_crossings(p_account, ARRAY[v_feature], ARRAY[v_before], ARRAY[v_available], p_at)
        OR v_pending;
    END IF;
  END LOOP;

  RETURN json_build_object('status', 'ok', 'tracks', v_tracks, 'top_up_pending', v_pending);
END $fn$;
