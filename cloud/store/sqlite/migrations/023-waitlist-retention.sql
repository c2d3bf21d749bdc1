-- Retention for 候补 entries (src/core/retention.ts `waitEntryDue`): when an entry's personal data was purged.
ALTER TABLE waitlist_entries ADD COLUMN purged_at TEXT;
-- The purge's query: entries not yet purged, by the day they waited for.
CREATE INDEX waitlist_retention_due ON waitlist_entries (date) WHERE purged_at IS NULL;
