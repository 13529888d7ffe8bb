-- Who a need is for: a person of the register (shown masked), set by staff or found through the
-- resident's account; and the resident account that raised it on the resident pages (source h5),
-- which sees it and what came of it there.
ALTER TABLE lists_need ADD COLUMN person_id BIGINT REFERENCES resident_person (id);
ALTER TABLE lists_need ADD COLUMN raised_by BIGINT REFERENCES app_user (id);
CREATE INDEX lists_need_raised_by ON lists_need (raised_by, id);
