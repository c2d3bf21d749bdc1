-- queue: tickets and their timeline, per-day numbering counters, per-day board
CREATE TABLE queue_tickets (
  id TEXT PRIMARY KEY,
  center_id TEXT NOT NULL REFERENCES centers(id),
  -- The Beijing date the ticket belongs to; numbers restart with each date.
  date TEXT NOT NULL,
  -- The queue (a service category); changes on a transfer, the label does not.
  queue TEXT NOT NULL,
  number INTEGER NOT NULL,
  label TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  kind TEXT NOT NULL CHECK (kind IN ('appointment', 'walk_in')),
  source TEXT NOT NULL CHECK (source IN ('resident', 'kiosk', 'clerk')),
  -- One ticket per booking, whoever checks it in and however often.
  booking_id TEXT UNIQUE REFERENCES bookings(id),
  -- The resident who follows it (null for a kiosk or clerk walk-in).
  openid TEXT,
  person_name TEXT,
  slot_start TEXT,
  late INTEGER NOT NULL DEFAULT 0,
  arrived_at TEXT NOT NULL,
  green TEXT CHECK (green IN ('age', 'disability', 'clerk')),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'completed', 'skipped')),
  window_number INTEGER,
  recalls INTEGER NOT NULL DEFAULT 0,
  put_back INTEGER NOT NULL DEFAULT 0,
  called_at TEXT,
  last_called_at TEXT,
  called_by TEXT,
  started_at TEXT,
  completed_at TEXT,
  skipped_at TEXT,
  -- Every change is conditional on the version read, so two processes never both apply one.
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (center_id, date, label)
);
CREATE INDEX queue_tickets_by_day ON queue_tickets (center_id, date, status);
CREATE INDEX queue_tickets_recent_calls ON queue_tickets (center_id, date, last_called_at);
CREATE INDEX queue_tickets_by_owner ON queue_tickets (openid, center_id, date);

-- The timeline of each ticket: who did what, when, at which window.
CREATE TABLE queue_ticket_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL REFERENCES queue_tickets(id),
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_openid TEXT,
  actor_name TEXT,
  window_number INTEGER,
  note TEXT
);
CREATE INDEX queue_ticket_events_by_ticket ON queue_ticket_events (ticket_id, id);

-- Numbering and today's service statistics per queue: updated in the transaction that issues or completes a ticket.
CREATE TABLE queue_counters (
  center_id TEXT NOT NULL REFERENCES centers(id),
  date TEXT NOT NULL,
  queue TEXT NOT NULL,
  last_number INTEGER NOT NULL DEFAULT 0,
  served INTEGER NOT NULL DEFAULT 0,
  service_seconds INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (center_id, date, queue)
) WITHOUT ROWID;

-- One small record per center and day that the hall screen and every ticket page read (rebuilt on each change).
CREATE TABLE queue_boards (
  center_id TEXT NOT NULL REFERENCES centers(id),
  date TEXT NOT NULL,
  version INTEGER NOT NULL,
  board_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (center_id, date)
) WITHOUT ROWID;
