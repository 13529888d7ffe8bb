-- An activity run by a social organisation or volunteer team (issue 15: "published by a community
-- or organisation"): the organisation, whose service area holds the activity's unit. None: the
-- unit's own.
ALTER TABLE volunteer_activity ADD COLUMN organisation_id BIGINT REFERENCES volunteer_organisation (id);
CREATE INDEX volunteer_activity_organisation ON volunteer_activity (organisation_id);
