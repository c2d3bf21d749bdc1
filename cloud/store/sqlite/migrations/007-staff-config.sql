-- staff and configuration: one-time staff invites, failed redemptions, per-center queue rules, daily statistics aggregates

-- An admin's one-time invite: a role and its scope, for one person, 48 hours, used once.
CREATE TABLE staff_invites (
  id TEXT PRIMARY KEY,
  center_id TEXT NOT NULL REFERENCES centers(id),
  -- HMAC of the short code with the personal-data hash key (a bearer secret: the database alone cannot bind anyone).
  code_hash TEXT NOT NULL UNIQUE,
  -- The last two characters, so an admin can tell invites apart in the list.
  code_tail TEXT NOT NULL,
  -- The invitee's name as the admin wrote it (becomes staff_roles.name).
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'counter', 'grid')),
  scope_json TEXT NOT NULL DEFAULT '{}',
  created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  -- Set once, by a conditional update: an invite binds at most one openid.
  used_by TEXT,
  used_by_name TEXT,
  used_at TEXT,
  cancelled_at TEXT,
  CHECK (used_at IS NULL OR cancelled_at IS NULL)
);
CREATE INDEX staff_invites_by_center ON staff_invites (center_id, created_at);

-- Wrong invite codes per caller, for the rate limit (old rows are pruned as new ones come).
CREATE TABLE staff_invite_failures (
  openid TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX staff_invite_failures_by_caller ON staff_invite_failures (openid, at);

-- A center's overrides of the queue rules (src/core/queue-check-in.ts), e.g. the green-channel age.
ALTER TABLE centers ADD COLUMN queue_rules_json TEXT NOT NULL DEFAULT '{}';

-- Daily statistics: counters and sums per center, Beijing date, area and key, rebuilt
-- for one (center, area, date) at a time by the statistics job (cloud/functions/jobs/stats.ts).
-- The statistics page sums these rows; it never reads the history of bookings or tickets.
CREATE TABLE stats_daily (
  center_id TEXT NOT NULL REFERENCES centers(id),
  date TEXT NOT NULL,
  area TEXT NOT NULL,
  metric TEXT NOT NULL,
  k1 TEXT NOT NULL DEFAULT '',
  k2 TEXT NOT NULL DEFAULT '',
  n INTEGER NOT NULL,
  total REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (center_id, date, area, metric, k1, k2)
) WITHOUT ROWID;
CREATE INDEX stats_daily_by_metric ON stats_daily (center_id, area, metric, date);

-- Which (center, area, date) aggregates exist, when they were built, and whether the day can still change.
CREATE TABLE stats_days (
  center_id TEXT NOT NULL REFERENCES centers(id),
  area TEXT NOT NULL,
  date TEXT NOT NULL,
  settled INTEGER NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (center_id, area, date)
) WITHOUT ROWID;
CREATE INDEX stats_days_unsettled ON stats_days (center_id, area, settled, date);
