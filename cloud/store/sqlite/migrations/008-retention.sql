-- retention: when a record's personal data was purged (src/core/retention.ts), and indexes that find what is due
ALTER TABLE bookings ADD COLUMN purged_at TEXT;
ALTER TABLE cases ADD COLUMN purged_at TEXT;
ALTER TABLE homecert_requests ADD COLUMN purged_at TEXT;
ALTER TABLE queue_tickets ADD COLUMN purged_at TEXT;

-- Each partial index holds only records not yet purged that could become due, so the daily
-- purge reads only what it changes and a run with nothing due is one empty index seek.
CREATE INDEX bookings_purge_due ON bookings (ends_at) WHERE purged_at IS NULL AND status IN ('completed', 'cancelled', 'no_show');
CREATE INDEX cases_purge_due ON cases (updated_at) WHERE purged_at IS NULL AND state IN ('delivered', 'withdrawn', 'rejected');
CREATE INDEX homecert_purge_closed ON homecert_requests (updated_at) WHERE purged_at IS NULL AND status IN ('ineligible', 'closed_other', 'cancelled');
CREATE INDEX homecert_purge_certified ON homecert_requests (next_due) WHERE purged_at IS NULL AND status = 'certified';
CREATE INDEX queue_tickets_purge_due ON queue_tickets (date) WHERE purged_at IS NULL;
CREATE INDEX messages_by_created ON messages (created_at);
CREATE INDEX case_claim_failures_by_at ON case_claim_failures (at);
