// The stored values of one declared sealed field (kit::SealedField), read and rewritten in place,
// for re-sealing them all with a new key. Table and column names come from the declaration,
// never from input. Stateless: every call runs inside the caller's transaction.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "kit/module.hpp"
#include "storage/database.hpp"

namespace shequ::privacy {

struct StoredValue {
  std::string key;     // the row's key column, as text
  std::string sealed;  // as stored
};

// Every row's sealed value of the field (rows where it is set).
Result<std::vector<StoredValue>> sealed_values(storage::Session& s, const kit::SealedField& field);
Status replace_sealed_value(storage::Session& s, const kit::SealedField& field,
                            const std::string& key, const std::string& sealed);

}  // namespace shequ::privacy
