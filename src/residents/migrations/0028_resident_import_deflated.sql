-- An uploaded register is kept compressed (zlib) before it is sealed: a fifth of the bytes to
-- encrypt, store and read back. 1: file_sealed holds the compressed file, whose length before
-- compression is file_bytes; 0: the file as uploaded (registers uploaded before this migration).
ALTER TABLE resident_import ADD COLUMN file_deflated INTEGER NOT NULL DEFAULT 0;
