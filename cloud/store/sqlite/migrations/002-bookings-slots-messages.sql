-- bookings: per-slot seat counters, bookings, outbox messages, per-center rules, per-service capacity
ALTER TABLE centers ADD COLUMN booking_rules_json TEXT NOT NULL DEFAULT '{}';
-- NULL: windows serving the service x per-window capacity.
ALTER TABLE services ADD COLUMN slot_capacity INTEGER;

-- One row per slot that ever had a seat taken: availability reads these, never the bookings,
-- so its cost does not grow with history. The CHECK is a last line of defence against overbooking.
CREATE TABLE booking_slots (
  service_id TEXT NOT NULL REFERENCES services(id),
  date TEXT NOT NULL,
  start TEXT NOT NULL,
  center_id TEXT NOT NULL REFERENCES centers(id),
  capacity INTEGER NOT NULL,
  booked INTEGER NOT NULL DEFAULT 0,
  CHECK (booked >= 0 AND booked <= capacity),
  PRIMARY KEY (service_id, date, start)
) WITHOUT ROWID;

CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  center_id TEXT NOT NULL REFERENCES centers(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  date TEXT NOT NULL,
  start TEXT NOT NULL,
  end TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  check_in_by TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'completed', 'cancelled', 'no_show')),
  openid TEXT NOT NULL,
  request_id TEXT NOT NULL,
  person_name TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  phone TEXT NOT NULL,
  for_self INTEGER NOT NULL,
  relation TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  cancelled_at TEXT,
  cancel_reason TEXT,
  reminded_at TEXT,
  UNIQUE (openid, request_id)
);
-- One active booking per person per service per day, even if two requests race past the check.
CREATE UNIQUE INDEX bookings_one_active_per_person_day ON bookings (id_hash, service_id, date) WHERE status IN ('booked', 'checked_in');
CREATE INDEX bookings_by_owner ON bookings (openid, center_id, status, starts_at);
CREATE INDEX bookings_by_person ON bookings (id_hash, status, check_in_by);
CREATE INDEX bookings_by_deadline ON bookings (status, check_in_by);
CREATE INDEX bookings_by_day ON bookings (center_id, date, status);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  center_id TEXT NOT NULL REFERENCES centers(id),
  openid TEXT NOT NULL,
  booking_id TEXT REFERENCES bookings(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  template_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX messages_by_owner ON messages (openid, center_id, created_at);
