#include "storage/page_query.hpp"

#include <fmt/format.h>

namespace shequ::storage {

Result<PageRows> query_page(Session& s, std::string_view columns, std::string_view from_where,
                            std::string_view order, std::vector<Value> params, int64_t limit,
                            int64_t offset) {
  PageRows out;
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one(fmt::format("SELECT COUNT(*){}", from_where), params));
  out.total = count ? count->integer(0) : 0;
  const std::size_t bound = params.size();
  params.insert(params.end(), {Value(limit), Value(offset)});
  SHEQU_ASSIGN_OR_RETURN(
      out.rows, s.query(fmt::format("SELECT {}{} ORDER BY {} LIMIT ${} OFFSET ${}", columns,
                                    from_where, order, bound + 1, bound + 2),
                        params));
  return out;
}

}  // namespace shequ::storage
