-- Open311 clients ask for the cases received, and the steps taken, over a period.
CREATE INDEX request_case_received ON request_case (received_at);
CREATE INDEX request_event_at ON request_event (at);
