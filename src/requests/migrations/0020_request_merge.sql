-- Duplicates of requests: a case merged into another (合并) is closed and names the one that
-- carries on; the hint of duplicates looks for open cases of a category received lately.
ALTER TABLE request_case ADD COLUMN merged_into BIGINT REFERENCES request_case (id);
CREATE INDEX request_case_category_received ON request_case (category_code, received_at);
