// The indicator module's SQL (indicator_value, indicator_value_change), portable across SQLite
// and PostgreSQL, parameters bound.
//
// Stateless: every function works in the session it is given (thread-safe as the session is).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicator/value.hpp"
#include "org/org_repository.hpp"
#include "storage/database.hpp"

namespace shequ::indicator {

class IndicatorRepository {
 public:
  static Result<std::optional<EnteredValue>> find(storage::Session& s, const ValueKey& key);
  // Every value (the engine holds them all; there is one per unit, indicator and period).
  static Result<std::vector<EnteredValue>> all(storage::Session& s);
  // The values of one indicator and period entered at units under `root` (itself included).
  static Result<std::vector<EnteredValue>> under(storage::Session& s, const std::string& indicator,
                                                 const std::string& period,
                                                 const std::string& root);
  // Inserts (expected_version 0) or replaces the numbers of a value still in the entered state
  // at `expected_version`; conflict when it was saved, changed or approved since.
  static Status put(storage::Session& s, const EnteredValue& value, int64_t expected_version);
  // Inserts a value as it is, approved or not (the demo province's import).
  static Status insert(storage::Session& s, const EnteredValue& value);
  // Approves (approved_by set) or unapproves (approved_by unset) the value at `expected_version`;
  // conflict otherwise.
  static Status set_approval(storage::Session& s, const ValueKey& key, int64_t expected_version,
                             const std::optional<std::string>& approved_by,
                             const std::optional<std::string>& approved_at);

  static Status add_change(storage::Session& s, const ValueKey& key, const ValueChange& change);
  // Newest first.
  static Result<std::vector<ValueChange>> changes(storage::Session& s, const ValueKey& key);
  // Count and highest id of the log's entries above `after` (0: of the whole log).
  static Result<org::ChangeMark> change_mark(storage::Session& s, int64_t after);
  // The values named by entries above `after`, each once.
  static Result<std::vector<ValueKey>> changed_after(storage::Session& s, int64_t after);
};

}  // namespace shequ::indicator
