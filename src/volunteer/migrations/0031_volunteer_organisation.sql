-- Social organisations and volunteer teams (社会组织、志愿服务队) of an area (a county, township,
-- village or community: area_code), and their members. kind: social_group, private_non_enterprise,
-- foundation (registered with civil affairs: a unified social credit code), community_organisation
-- (filed with the township: a code when it has one), volunteer_team. The contact person's name and
-- phone are sealed (privacy::Keyring). state: active, dissolved.
CREATE TABLE volunteer_organisation (
  id @AUTO_ID@,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  credit_code TEXT,
  area_code TEXT NOT NULL REFERENCES org_unit (code),
  contact_name_sealed TEXT NOT NULL,
  contact_phone_sealed TEXT NOT NULL,
  services TEXT NOT NULL,
  state TEXT NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX volunteer_organisation_credit ON volunteer_organisation (credit_code);
CREATE INDEX volunteer_organisation_area ON volunteer_organisation (area_code, id);

-- A volunteer's membership: from joined_on until left_on (none: still a member); leader or member.
CREATE TABLE volunteer_membership (
  organisation_id BIGINT NOT NULL REFERENCES volunteer_organisation (id),
  volunteer_id BIGINT NOT NULL REFERENCES volunteer (id),
  role TEXT NOT NULL,
  joined_on TEXT NOT NULL,
  left_on TEXT,
  PRIMARY KEY (organisation_id, volunteer_id)
);
CREATE INDEX volunteer_membership_volunteer ON volunteer_membership (volunteer_id);
