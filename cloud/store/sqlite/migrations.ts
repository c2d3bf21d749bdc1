/**
 * Versioned schema migrations, applied in order, each once. Never edit a
 * migration that has shipped: add the next one.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'centers, windows, services, center days, staff roles',
    sql: `
      CREATE TABLE centers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        district TEXT NOT NULL,
        address TEXT NOT NULL,
        phone TEXT NOT NULL,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        hours_json TEXT NOT NULL,
        sort INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE windows (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers(id),
        number INTEGER NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (center_id, number)
      );
      CREATE TABLE services (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers(id),
        category TEXT NOT NULL,
        name TEXT NOT NULL,
        summary TEXT NOT NULL,
        keywords_json TEXT NOT NULL DEFAULT '[]',
        materials_json TEXT NOT NULL,
        notes_json TEXT NOT NULL DEFAULT '[]',
        processing_days INTEGER NOT NULL,
        bookable INTEGER NOT NULL,
        delegable INTEGER NOT NULL,
        window_ids_json TEXT NOT NULL,
        slot_minutes INTEGER NOT NULL,
        per_window_capacity INTEGER NOT NULL,
        sort INTEGER NOT NULL DEFAULT 0,
        retired INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX services_by_center ON services (center_id, retired, sort);
      CREATE TABLE center_days (
        center_id TEXT NOT NULL REFERENCES centers(id),
        date TEXT NOT NULL,
        open INTEGER NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (center_id, date)
      );
      CREATE TABLE staff_roles (
        center_id TEXT NOT NULL REFERENCES centers(id),
        openid TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        scope_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        PRIMARY KEY (center_id, openid, role)
      );
    `,
  },
  {
    version: 2,
    name: 'bookings: per-slot seat counters, bookings, outbox messages, per-center rules, per-service capacity',
    sql: `
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
    `,
  },
]
