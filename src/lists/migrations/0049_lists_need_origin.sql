-- The home visit or the request (诉求) a need was found in, when staff register it from one: the
-- need takes its person, place and reference from there, and the same finding is not registered
-- twice while its need is open.
ALTER TABLE lists_need ADD COLUMN visit_id BIGINT REFERENCES resident_visit (id);
ALTER TABLE lists_need ADD COLUMN request_id BIGINT REFERENCES request_case (id);
CREATE INDEX lists_need_visit ON lists_need (visit_id);
CREATE INDEX lists_need_request ON lists_need (request_id);
