-- Where a resource was taken from: a facility of the registry (source facility) or an
-- organisation of the volunteers module (sources volunteer and organisation), or neither when
-- staff entered it by hand. A resource taken from one shows that one's current name (and the
-- facility's point), and a facility's resource is proposed only while the facility is open.
ALTER TABLE lists_resource ADD COLUMN facility_id BIGINT REFERENCES facility (id);
ALTER TABLE lists_resource ADD COLUMN organisation_id BIGINT REFERENCES volunteer_organisation (id);
CREATE INDEX lists_resource_facility ON lists_resource (facility_id);
CREATE INDEX lists_resource_organisation ON lists_resource (organisation_id);
