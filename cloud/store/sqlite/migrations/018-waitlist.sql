-- 候补 (waitlist): residents in line for a full slot (`start`) or any time of a day (`start` NULL) of a service.
-- `seq` is the join order. An offered entry holds a seat of `booking_slots` (counted in `booked`) until it is
-- accepted (it becomes the booking `booking_id`), left, or expires at `offer_expires_at`.
CREATE TABLE waitlist_entries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  center_id TEXT NOT NULL REFERENCES centers(id),
  service_id TEXT NOT NULL,
  service_name TEXT NOT NULL,
  date TEXT NOT NULL,
  start TEXT,
  openid TEXT NOT NULL,
  person_name TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  limit_key TEXT NOT NULL,
  phone TEXT NOT NULL,
  for_self INTEGER NOT NULL,
  relation TEXT,
  hold_minutes INTEGER NOT NULL CHECK (hold_minutes > 0),
  template_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'left')),
  offer_start TEXT,
  offer_expires_at TEXT,
  booking_id TEXT,
  joined_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (status <> 'offered' OR (offer_start IS NOT NULL AND offer_expires_at IS NOT NULL))
);
-- One person once in a line (a slot, or the whole day as '*').
CREATE UNIQUE INDEX waitlist_one_per_person ON waitlist_entries (service_id, date, COALESCE(start, '*'), id_hash)
  WHERE status IN ('waiting', 'offered');
-- The first in line for a freed seat.
CREATE INDEX waitlist_line ON waitlist_entries (service_id, date, status, seq);
CREATE INDEX waitlist_offers_due ON waitlist_entries (offer_expires_at) WHERE status = 'offered';
CREATE INDEX waitlist_by_owner ON waitlist_entries (openid, center_id, date);
