// The facility registry's SQL (facility, facility_change), portable across SQLite and
// PostgreSQL, parameters bound.
//
// Stateless: every function works in the session it is given (thread-safe as the session is).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "facility/facility.hpp"
#include "org/model.hpp"
#include "org/org_repository.hpp"
#include "storage/database.hpp"

namespace shequ::facility {

// What a list asks for: facilities under one of `roots` (the caller's scope, or the unit asked
// for once checked), optionally of one type and status, whose name contains `name`.
struct FacilityFilter {
  std::vector<std::string> roots;
  std::string type;
  std::string status;
  std::string name;
};

class FacilityRepository {
 public:
  // The new facility's id.
  static Result<int64_t> insert(storage::Session& s, const FacilityFields& fields,
                                const std::string& now);
  // conflict when the facility is no longer at `expected_version`.
  static Status update(storage::Session& s, int64_t id, const FacilityFields& fields,
                       int64_t expected_version, const std::string& now);
  static Result<std::optional<Facility>> find(storage::Session& s, int64_t id);
  static Result<org::Page<Facility>> list(storage::Session& s, const FacilityFilter& filter,
                                          const org::PageRequest& page);

  static Status add_change(storage::Session& s, int64_t facility_id, const FacilityChange& change);
  // Newest first.
  static Result<std::vector<FacilityChange>> changes(storage::Session& s, int64_t facility_id);

  // A unit's figures for every year it has them, the latest first.
  static Result<std::vector<UnitFigures>> figures(storage::Session& s, const std::string& unit);
  // Its latest figures of a year up to `year`.
  static Result<std::optional<UnitFigures>> figures_up_to(storage::Session& s,
                                                          const std::string& unit, int64_t year);
  static Result<std::optional<UnitFigures>> find_figures(storage::Session& s,
                                                         const std::string& unit, int64_t year);
  // Inserts (expected_version 0) or replaces the figures at `expected_version`; conflict when
  // they were saved, or changed, since the caller read them.
  static Status put_figures(storage::Session& s, const UnitFigures& figures,
                            int64_t expected_version);
  static Status add_figure_change(storage::Session& s, const UnitFigures& figures,
                                  const FacilityChange& change);
  // Newest first.
  static Result<std::vector<FacilityChange>> figure_changes(storage::Session& s,
                                                            const std::string& unit, int64_t year);

  // For the indicator engine, which counts every facility and figure once and then follows the
  // two change logs (facility_change, unit_figure_change).
  static Result<std::vector<Facility>> all(storage::Session& s);
  static Result<std::vector<UnitFigures>> all_figures(storage::Session& s);
  // Count and highest id of each log's entries above `after` (0: of the whole log).
  static Result<org::ChangeMark> facility_change_mark(storage::Session& s, int64_t after);
  static Result<org::ChangeMark> figure_change_mark(storage::Session& s, int64_t after);
  // The facilities, and the units whose figures, changed in entries above `after`, each once.
  static Result<std::vector<int64_t>> facilities_changed_after(storage::Session& s, int64_t after);
  static Result<std::vector<std::string>> figure_units_changed_after(storage::Session& s,
                                                                     int64_t after);
};

}  // namespace shequ::facility
