-- bookings: the limit holder (whose per-person limits a booking counts against)
--
-- A booking used to count against the ID number typed into it, so a stranger who knew a
-- person's ID number could fill that person's active places, take their service-day, and make
-- them a no-show. Now each booking names its holder (src/core/booking-rules.ts `limitHolder`):
-- `person_<id hash>` when the person (verified) or a consented relative made it, otherwise
-- `account_<openid>`. Every guard keys on it. Bookings made before this migration were made
-- under no proof of who typed the number: they count against their account.
ALTER TABLE bookings ADD COLUMN limit_key TEXT NOT NULL DEFAULT '';
UPDATE bookings SET limit_key = CASE WHEN purged_at IS NULL THEN 'account_' || openid ELSE id_hash END;

-- One active booking per holder, person, service and day (even if two requests race past the
-- check); its leading column is also how a holder's active bookings are counted.
DROP INDEX bookings_one_active_per_person_day;
CREATE UNIQUE INDEX bookings_one_active_per_holder_day ON bookings (limit_key, id_hash, service_id, date) WHERE status IN ('booked', 'checked_in');
DROP INDEX bookings_no_shows;
CREATE INDEX bookings_no_shows ON bookings (limit_key, check_in_by) WHERE status = 'no_show';

-- A verified person sees every booking made in their name, whoever made it.
CREATE INDEX bookings_by_person ON bookings (id_hash, center_id, status, starts_at);
