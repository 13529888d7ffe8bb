-- A finding is registered once per category while its need is not closed: the service checks it
-- first for a clear answer, and these indexes hold it when two servers register the same finding
-- at the same moment (the second insert is a conflict).
CREATE UNIQUE INDEX lists_need_visit_finding ON lists_need (visit_id, category)
  WHERE visit_id IS NOT NULL AND status <> 'closed';
CREATE UNIQUE INDEX lists_need_request_finding ON lists_need (request_id, category)
  WHERE request_id IS NOT NULL AND status <> 'closed';
