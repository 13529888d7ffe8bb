// Scoped lists: the rows whose org unit lies in the current subtree of one of the caller's units.
//
// Every list that is not answered from the in-memory org tree limits itself with the condition
// built here, over the maintained ancestor table org_unit_ancestor (migration 0009, ADR 0020),
// so that a query never scans every unit or walks parent links:
//
//   unit_code IN (SELECT code FROM org_unit_ancestor WHERE ancestor_code IN ($5, $6))
//
// On PostgreSQL the subtree becomes an array computed once (unit_code = ANY(ARRAY(SELECT …))):
// the planner then looks each code up in the column's index (a bitmap scan, one per column,
// OR-ed), where for IN (SELECT …) OR … it scans the whole table, counts included. Measured on
// 1 M audit entries: a community's count 3 ms instead of 400 (docs/performance.md).
//
// Thread-safe: the functions are pure.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "storage/column.hpp"
#include "storage/database.hpp"

namespace shequ::storage {

// The condition "one of `columns` holds a unit in the current subtree of one of `roots`" (the
// columns joined by OR; each root's subtree includes the root), for a WHERE clause. The roots
// are appended to `params` and referred to as $n, numbered after the parameters already there,
// so the caller binds its own values first and adds further ones (LIMIT, OFFSET) after.
//
// The caller passes the units where the actor holds the permission the list needs
// (Actor::roots_for). No roots means no rows: the condition is then false, never "everything".
// A caller that lets the province see every row, including rows with no unit, leaves the
// condition out itself. A root that is not a current unit has no subtree.
std::string in_subtrees(Dialect dialect, std::initializer_list<Column> columns,
                        std::span<const std::string> roots, std::vector<Value>& params);

}  // namespace shequ::storage
