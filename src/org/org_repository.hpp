// All SQL of the org module. Stateless: every call runs inside the caller's transaction.
//
// The writes keep org_unit_ancestor (every current ancestor of every current unit, the unit
// itself at depth 0; storage/scope.hpp reads it) right in that same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "org/model.hpp"
#include "storage/change_log.hpp"
#include "storage/database.hpp"

namespace shequ::org {

// The answer when a write names a version that is no longer the stored one.
Error stale_version_error();

// Where the log of tree changes (org_change) stands above some id: two servers that see the same
// mark hold the same tree. The count catches a change committed late under a lower id.
using ChangeMark = storage::ChangeMark;

class OrgRepository {
 public:
  // The insert, update_attributes, move and retire below each append the unit to org_change and
  // return the id of that entry.
  // Count and highest id of the entries above `after` (0: of the whole log).
  static Result<ChangeMark> change_mark(storage::Session& s, int64_t after);
  // The entries of org_change with an id above `after`, in id order: id and the unit named.
  static Result<std::vector<std::pair<int64_t, std::string>>> changes(storage::Session& s,
                                                                      int64_t after);
  // Deletes all but the newest `keep` rows of org_change; returns how many it deleted.
  static Result<int64_t> trim_changes(storage::Session& s, int64_t keep);

  // Every unit that exists now, each with its current parent.
  static Result<std::vector<Unit>> load_current(storage::Session& s);
  static Result<int64_t> count_current(storage::Session& s);
  // The units of levels 1 to 5 that stood on `day` (YYYY-MM-DD), each with the parent it had
  // then. The first division list loaded records when units were first recorded, not when they
  // came into being, so what it loaded is taken to have stood before it too.
  static Result<std::vector<Unit>> load_on(storage::Session& s, const std::string& day);
  static Result<std::optional<Unit>> find_current(storage::Session& s, const std::string& code);

  // Inserts a unit and its parent link, both valid from `valid_from`. The parent must be a
  // current unit (an import inserts parents before children).
  static Result<int64_t> insert(storage::Session& s, const Unit& unit,
                                const std::string& valid_from, const std::string& now);
  // Updates name, type and urban-rural code; bumps the version. Fails with conflict when the
  // stored version is not `expected_version`.
  static Result<int64_t> update_attributes(storage::Session& s, const Unit& unit,
                                           int64_t expected_version, const std::string& now);
  // Closes the current parent link on `as_of` and opens one to `new_parent` (a current unit
  // outside the unit's subtree); the whole subtree now answers to the new parent's ancestors.
  static Result<int64_t> move(storage::Session& s, const std::string& code,
                              const std::string& new_parent, const std::string& as_of);
  // Ends a unit's existence on `as_of` (its parent link closes the same day). Precondition: it
  // has no current children (only grids are retired).
  static Result<int64_t> retire(storage::Session& s, const std::string& code,
                                int64_t expected_version, const std::string& as_of,
                                const std::string& now);

  // Holds the unit's row lock until the transaction ends, so that writers that derive values
  // from its children (the next grid serial) take turns. SQLite serialises writers anyway.
  static Status lock(storage::Session& s, const std::string& code);

  // Grids.
  static Result<int> next_grid_serial(storage::Session& s, const std::string& village_code);
  static Status insert_grid_details(storage::Session& s, const std::string& code,
                                    const std::string& village_code, int serial,
                                    const std::string& description,
                                    const std::optional<geo::Polygon>& boundary);
  static Status update_grid_description(storage::Session& s, const std::string& code,
                                        const std::string& description);
  // Sets the grid's boundary; nullopt removes it.
  static Status update_grid_boundary(storage::Session& s, const std::string& code,
                                     const std::optional<geo::Polygon>& boundary);
  // The current grid with its details; nullopt when absent or retired.
  static Result<std::optional<Grid>> find_grid(storage::Session& s, const std::string& code);

  static Result<std::optional<Office>> find_office(storage::Session& s, const std::string& code);
  // Inserts or replaces the unit's office details.
  static Status put_office(storage::Session& s, const std::string& code, const Office& office);
  // Current grids of a village/community, ordered by code.
  static Result<std::vector<Grid>> list_grids(storage::Session& s, const std::string& village_code);
  // True when a current grid of the village already has this name (other than `except_code`).
  static Result<bool> grid_name_taken(storage::Session& s, const std::string& village_code,
                                      const std::string& name, const std::string& except_code);
};

}  // namespace shequ::org
