-- Every change to the current tree (a unit inserted, renamed, moved or retired), appended in the
-- transaction of the change. Each server holds the tree in memory; it compares the count and the
-- highest id here with those it last loaded, and reloads when another server changed something
-- (OrgService::sync). Append-only: no row is ever updated, so no writer waits for another here.
CREATE TABLE org_change (
  id @AUTO_ID@,
  code TEXT NOT NULL
);
