-- Answers to requests made with an Idempotency-Key, replayed for 24 hours like Stripe does. A row with no
-- status is a request still running; its twin answers `conflict` rather than running twice.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
