-- A replayed creation answers with the first response's ETag too (plans, goals and templates
-- send one with 201), not only its status, Location and body.
ALTER TABLE idempotency_keys ADD COLUMN etag text CHECK (length(etag) <= 200);
