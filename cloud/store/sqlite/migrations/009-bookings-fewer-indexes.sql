-- bookings: fewer random-key indexes written per booking
--
-- Every index with a random key (ids, codes, openids, ID hashes) puts each new booking on a
-- different page, and each such page is written to the WAL at commit: that write was most of a
-- booking's cost. Two of them were not needed:
-- * UNIQUE (openid, request_id): the booking id is derived from (openid, request id), so the
--   primary key already makes a request id book once, and a retry finds its booking by id.
--   A table constraint cannot be dropped in SQLite, so the table is rebuilt (the runner turns
--   foreign keys off around migrations and checks them before committing).
-- * bookings_by_person (id_hash, status, check_in_by): the active-bookings count now reads the
--   partial unique index (one entry per active booking), and no-shows get their own partial
--   index, written only when a booking becomes a no-show, never when one is made.
CREATE TABLE bookings_rebuilt (
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
  purged_at TEXT
);
INSERT INTO bookings_rebuilt (id, code, center_id, service_id, date, start, end, starts_at, ends_at, check_in_by, status, openid, request_id,
  person_name, id_sealed, id_hash, id_masked, phone, for_self, relation, note, created_at, updated_at, cancelled_at, cancel_reason, reminded_at, purged_at)
SELECT id, code, center_id, service_id, date, start, end, starts_at, ends_at, check_in_by, status, openid, request_id,
  person_name, id_sealed, id_hash, id_masked, phone, for_self, relation, note, created_at, updated_at, cancelled_at, cancel_reason, reminded_at, purged_at
FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_rebuilt RENAME TO bookings;

-- One active booking per person per service per day, even if two requests race past the check;
-- also how the active bookings of a person are counted.
CREATE UNIQUE INDEX bookings_one_active_per_person_day ON bookings (id_hash, service_id, date) WHERE status IN ('booked', 'checked_in');
CREATE INDEX bookings_no_shows ON bookings (id_hash, check_in_by) WHERE status = 'no_show';
CREATE INDEX bookings_by_owner ON bookings (openid, center_id, status, starts_at);
CREATE INDEX bookings_by_deadline ON bookings (status, check_in_by);
CREATE INDEX bookings_by_day ON bookings (center_id, date, status);
CREATE INDEX bookings_purge_due ON bookings (ends_at) WHERE purged_at IS NULL AND status IN ('completed', 'cancelled', 'no_show');
