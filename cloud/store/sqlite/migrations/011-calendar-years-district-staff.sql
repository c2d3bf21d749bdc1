-- calendar: the district's yearly arrangements (放假调休) and its deployment-wide staff (区级管理员)

-- One row per year a district admin entered (or the deployer imported): the notice's lines as JSON.
-- A save names the version it replaces (a conditional write), so a second save of a year never
-- overwrites one it did not preview. Years the holiday package holds are never stored here.
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  lines_json TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  source TEXT NOT NULL CHECK (source IN ('entered', 'imported')),
  entered_by TEXT NOT NULL,
  entered_by_name TEXT NOT NULL,
  entered_at TEXT NOT NULL
);
-- Every booking reads the calendar: it is remembered with the centers' configuration (migration 010).
CREATE TRIGGER calendar_years_insert_bumps_generation AFTER INSERT ON calendar_years BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER calendar_years_update_bumps_generation AFTER UPDATE ON calendar_years BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER calendar_years_delete_bumps_generation AFTER DELETE ON calendar_years BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;

-- Deployment-wide roles, apart from staff_roles (per center): a district admin holds no role in any center.
CREATE TABLE district_staff (
  openid TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('district')),
  created_at TEXT NOT NULL
);
