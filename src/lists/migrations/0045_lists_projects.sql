-- The third of the three lists (三项清单): livelihood projects (民生项目) with their budget,
-- funding, schedule and progress, published to residents, who comment; staff publish or hide
-- each comment. Dates YYYY-MM-DD; times format_timestamp text (UTC); money in fen.

-- status: planned, in_progress, done, suspended; progress 0–100 as last reported. published: 1
-- while residents can see it.
CREATE TABLE lists_project (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  summary TEXT NOT NULL,
  budget_fen BIGINT NOT NULL,
  funding_source TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  status TEXT NOT NULL,
  progress INTEGER NOT NULL,
  beneficiaries BIGINT NOT NULL,
  published INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX lists_project_unit ON lists_project (unit_code, status);
CREATE INDEX lists_project_published ON lists_project (published, unit_code);

-- A progress report on a project, shown to residents with the project.
CREATE TABLE lists_project_update (
  id @AUTO_ID@,
  project_id BIGINT NOT NULL REFERENCES lists_project (id),
  on_date TEXT NOT NULL,
  progress INTEGER NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX lists_project_update_project ON lists_project_update (project_id, id);

-- A resident's comment on a published project. state: pending (until staff decide), published,
-- hidden. reply: staff's public answer. The author is kept to limit what waits from one
-- person and to show them their own; the public never sees who wrote it.
CREATE TABLE lists_project_comment (
  id @AUTO_ID@,
  project_id BIGINT NOT NULL REFERENCES lists_project (id),
  author_id BIGINT NOT NULL REFERENCES app_user (id),
  body TEXT NOT NULL,
  state TEXT NOT NULL,
  reply TEXT NOT NULL,
  decided_by_name TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX lists_project_comment_project ON lists_project_comment (project_id, state);
CREATE INDEX lists_project_comment_state ON lists_project_comment (state, project_id);
CREATE INDEX lists_project_comment_author ON lists_project_comment (author_id, state);
