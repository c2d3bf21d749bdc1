-- people: failed attempts (wrong consent codes, refused relatives) per caller and per person, for the attempt limits
-- of src/core/people.ts. A key is e.g. `consent:<openid>` or `person:<id hash>`; rows older than a day are pruned
-- as new ones come, and nothing else is kept.
CREATE TABLE people_attempt_failures (
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX people_attempt_failures_by_key ON people_attempt_failures (key, at);
CREATE INDEX people_attempt_failures_by_at ON people_attempt_failures (at);
