#include "storage/change_log.hpp"

#include <string>
#include <vector>

namespace shequ::storage {

Result<ChangeMark> change_mark(Session& s, std::string_view table, int64_t after) {
  const std::vector<Value> params{after};
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM " +
                                                   std::string(table) + " WHERE id > $1",
                                               params));
  if (!row) return ChangeMark{};
  return ChangeMark{row->integer(0), row->integer(1)};
}

}  // namespace shequ::storage
