-- The first page of each invoice's lines, as Stripe listed them, so invoice lists show what was billed.
ALTER TABLE invoices ADD COLUMN lines jsonb NOT NULL DEFAULT '[]'::jsonb;
