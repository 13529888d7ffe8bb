#include "privacy/sealed_store.hpp"

#include <fmt/format.h>

namespace shequ::privacy {

Result<std::vector<StoredValue>> sealed_values(storage::Session& s, const kit::SealedField& field) {
  SHEQU_ASSIGN_OR_RETURN(
      auto rows, s.query(fmt::format("SELECT {0}, {1} FROM {2} WHERE {1} IS NOT NULL ORDER BY {0}",
                                     field.key_column, field.column, field.table)));
  std::vector<StoredValue> out;
  for (const storage::Row& row : rows) out.push_back({row.text(0), row.text(1)});
  return out;
}

Status replace_sealed_value(storage::Session& s, const kit::SealedField& field,
                            const std::string& key, const std::string& sealed) {
  const std::vector<storage::Value> params{sealed, key};
  SHEQU_TRY(s.execute(fmt::format("UPDATE {} SET {} = $1 WHERE {} = $2", field.table, field.column,
                                  field.key_column),
                      params));
  return {};
}

}  // namespace shequ::privacy
