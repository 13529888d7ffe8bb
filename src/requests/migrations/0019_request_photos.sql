-- Photos of requests. The bytes are kept outside the rows, in the photo folder, named by the
-- SHA-256 of their content (storage/file_store.hpp); a row says which case shows which photo.
-- media_type: image/jpeg or image/png, as the photo was encoded again (requests/photo.hpp).
CREATE TABLE request_photo (
  id @AUTO_ID@,
  case_id BIGINT NOT NULL REFERENCES request_case (id),
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  size_bytes BIGINT NOT NULL,
  uploaded_by BIGINT REFERENCES app_user (id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX request_photo_case ON request_photo (case_id);
