// One page of a list and how many rows the whole list holds: the two statements every paged list
// runs, written once.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace shequ::storage {

struct PageRows {
  int64_t total = 0;  // rows the whole list holds
  Rows rows;          // the page's
};

// Runs `SELECT COUNT(*) <from_where>` and `SELECT <columns> <from_where> ORDER BY <order> LIMIT
// <limit> OFFSET <offset>` with `params` bound to both: `from_where` (" FROM … WHERE …") uses
// placeholders $1…$n for them, and the page's two are bound after them. `order` must make the
// order total (end with a unique column), or pages may overlap. Runs inside the caller's
// transaction; thread-safe as the session is.
Result<PageRows> query_page(Session& s, std::string_view columns, std::string_view from_where,
                            std::string_view order, std::vector<Value> params, int64_t limit,
                            int64_t offset);

}  // namespace shequ::storage
