-- ratings (好差评) of every service: counter visits, home certifications and delegated cases, with the follow-up of a 差评; the delegation's own case_ratings folded in
--
-- One rating per service instance: the primary key `<service>:<subject id>` is the rule. The five national levels are
-- 5 非常满意 … 1 非常不满意, so a case's old 1–5 stars keep their meaning (3 stars, once 一般, reads 基本满意). A 差评
-- (level 1–2) carries its reasons (a JSON list of fixed keys) and a follow-up: due day, and the admin's answer once given.
CREATE TABLE ratings (
  id TEXT PRIMARY KEY,
  center_id TEXT NOT NULL REFERENCES centers(id),
  service TEXT NOT NULL CHECK (service IN ('counter', 'homecert', 'case')),
  subject_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  reasons_json TEXT NOT NULL DEFAULT '[]',
  comment TEXT,
  at TEXT NOT NULL,
  service_id TEXT,
  window_no INTEGER,
  worker_openid TEXT,
  worker_name TEXT,
  follow_up_due TEXT,
  follow_up_answer TEXT,
  follow_up_answered_at TEXT,
  follow_up_by TEXT,
  follow_up_by_name TEXT,
  UNIQUE (service, subject_id)
) WITHOUT ROWID;
-- Statistics read a center's day; the follow-up list reads a center's open or answered ones.
CREATE INDEX ratings_by_day ON ratings (center_id, at);
CREATE INDEX ratings_follow_ups ON ratings (center_id, follow_up_answered_at, follow_up_due) WHERE follow_up_due IS NOT NULL;

-- The delegation's ratings, kept readable: same stars as level, the case's 事项 and its clerk. They were given before
-- reasons and follow-ups existed, so none is opened for them (the 差评 stay listed for the supervisor as before).
INSERT INTO ratings (id, center_id, service, subject_id, openid, level, comment, at, service_id, worker_openid, worker_name)
SELECT 'case:' || r.case_id, r.center_id, 'case', r.case_id, r.openid, r.stars, r.comment, r.at, c.service_id, c.assignee_openid, c.assignee_name
FROM case_ratings r JOIN cases c ON c.id = r.case_id;
DROP TABLE case_ratings;

-- A center's rating rules (the follow-up's working days), its overrides over the defaults.
CREATE TABLE rating_settings (
  center_id TEXT PRIMARY KEY REFERENCES centers(id),
  rules_json TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
