-- Who serves each grid (网格员): accounts holding the grid-worker role on the grid's village or
-- community (or on one of its grids), assigned by the community's staff. `work_phone` is a public
-- work number residents may call, not the account's own (sealed) phone.
CREATE TABLE grid_worker (
  grid_code TEXT NOT NULL REFERENCES org_unit (code),
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  work_phone TEXT,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (grid_code, user_id)
);
CREATE INDEX grid_worker_user ON grid_worker (user_id);
