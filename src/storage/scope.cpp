#include "storage/scope.hpp"

#include <fmt/format.h>

namespace shequ::storage {

std::string in_subtrees(Dialect dialect, std::initializer_list<Column> columns,
                        std::span<const std::string> roots, std::vector<Value>& params) {
  if (roots.empty() || columns.size() == 0) return "1 = 0";
  std::string placeholders;
  for (const std::string& root : roots) {
    params.emplace_back(root);
    if (!placeholders.empty()) placeholders += ", ";
    placeholders += fmt::format("${}", params.size());
  }
  // The columns share the placeholders: the roots are bound once.
  const std::string subtree =
      fmt::format("(SELECT code FROM org_unit_ancestor WHERE ancestor_code IN ({}))", placeholders);
  std::string condition;
  for (const Column& column : columns) {
    condition += condition.empty() ? "(" : " OR ";
    condition += dialect == Dialect::postgres
                     ? fmt::format("{} = ANY(ARRAY{})", column.name(), subtree)
                     : fmt::format("{} IN {}", column.name(), subtree);
  }
  return condition + ")";
}

}  // namespace shequ::storage
