-- Community workers (社区工作者, issue 15): a person on the roster of the unit that registered them
-- (unit_code: a township, village or community), their sealed name, phone and ID number (a blind
-- index of the number keeps one person on the roster once), their social-work qualification
-- (none, assistant, social_worker, senior) with its certificate number, and whether they work in
-- social services (社会服务从业人员, indicator 27).
CREATE TABLE workforce_worker (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  name_sealed TEXT NOT NULL,
  phone_sealed TEXT NOT NULL,
  id_number_sealed TEXT NOT NULL,
  id_number_index TEXT NOT NULL,
  qualification TEXT NOT NULL,
  certificate_number TEXT NOT NULL,
  social_service INTEGER NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX workforce_worker_id_number ON workforce_worker (id_number_index);
CREATE INDEX workforce_worker_unit ON workforce_worker (unit_code, id);

-- A post a worker holds at a unit from started_on until ended_on (none: in post), China dates.
-- Posts are never deleted: the roster of any past day is the posts in force on it.
CREATE TABLE workforce_post (
  id @AUTO_ID@,
  worker_id BIGINT NOT NULL REFERENCES workforce_worker (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  position TEXT NOT NULL,
  started_on TEXT NOT NULL,
  ended_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX workforce_post_worker ON workforce_post (worker_id, started_on);
CREATE INDEX workforce_post_unit ON workforce_post (unit_code);

-- A training course (培训班) run by a unit: its level (township, county, city, province), form
-- (on_site, online), class hours (学时), topics and dates.
CREATE TABLE workforce_course (
  id @AUTO_ID@,
  organiser_code TEXT NOT NULL REFERENCES org_unit (code),
  title TEXT NOT NULL,
  level TEXT NOT NULL,
  form TEXT NOT NULL,
  hours INTEGER NOT NULL,
  topics TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL
);
CREATE INDEX workforce_course_organiser ON workforce_course (organiser_code, starts_on);

-- A worker enrolled on a course, and once they completed it the day and the hours they earned.
CREATE TABLE workforce_attendance (
  course_id BIGINT NOT NULL REFERENCES workforce_course (id),
  worker_id BIGINT NOT NULL REFERENCES workforce_worker (id),
  enrolled_at TEXT NOT NULL,
  completed_on TEXT,
  hours INTEGER,
  recorded_by BIGINT REFERENCES app_user (id),
  PRIMARY KEY (course_id, worker_id)
);
CREATE INDEX workforce_attendance_worker ON workforce_attendance (worker_id, completed_on);
