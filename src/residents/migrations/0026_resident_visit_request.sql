-- A visit's finding that needs action opens a request (诉求) of the requests module, registered in
-- the same transaction as the visit; the visit names it. The request's external id under the
-- patrol channel is the visit's client key, so the case and the visit are found from each other.
ALTER TABLE resident_visit ADD COLUMN request_id BIGINT REFERENCES request_case (id);
