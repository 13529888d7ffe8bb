// The facility registry for people: facilities of the units in one's scope, registered and
// changed with every change kept (who, when, before and after) and audited, and checked against
// the plan's standards.
//
// Scope: a facility is read with facility:registry:read and written with
// facility:registry:write over its unit; outside them it does not exist (not_found), except a
// unit named in a new or changed facility, which is refused as forbidden on its field.
//
// Thread-safe: holds references only; every call runs in its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/table_reader.hpp"
#include "facility/facility.hpp"
#include "facility/facility_repository.hpp"
#include "org/org_service.hpp"
#include "storage/database.hpp"

namespace shequ::facility {

struct FacilityQuery {
  std::optional<std::string> unit;  // a unit in scope; default: the whole scope
  std::string type;
  std::string status;
  std::string name;  // part of the name
  org::PageRequest page;
};

// A facility with its checks, as one facility's page shows it.
struct FacilityDetail {
  Facility facility;
  std::vector<StandardCheck> standards;
};

class FacilityService {
 public:
  // `org`, `db`, `audit` and `clock` must outlive the service.
  FacilityService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                  const Clock& clock)
      : org_(org), db_(db), audit_(audit), clock_(clock) {}

  Result<org::Page<Facility>> list(const Actor& actor, const FacilityQuery& query) const;
  Result<FacilityDetail> get(const Actor& actor, int64_t id) const;
  // Validates every field at once; the unit must be a village or community (a township for
  // township-level kinds) in the actor's scope for writing. Audited, with its first history entry.
  Result<Facility> create(const Actor& actor, FacilityFields fields) const;
  // Replaces the fields of the facility at `expected_version` (conflict when someone changed it
  // since). Moving it to another unit needs write scope over both. Audited, kept in its history.
  Result<Facility> update(const Actor& actor, int64_t id, int64_t expected_version,
                          FacilityFields fields) const;
  // Newest first.
  Result<std::vector<FacilityChange>> history(const Actor& actor, int64_t id) const;
  // Registers every facility of a filled-in template (facility_import.hpp), all or nothing:
  // every problem of every row, units outside write scope among them, is reported with its line
  // and nothing is written; otherwise all are written in one transaction, each with its first
  // history entry, and the import is audited once (facility.import). The count registered.
  Result<std::size_t> import(const Actor& actor, TableReader& table) const;

  // The base figures of a village or community (in read scope), every year it has, latest first.
  Result<std::vector<UnitFigures>> figures(const Actor& actor, const std::string& unit) const;
  // Saves one year's figures (write scope; a village or community only): expected_version 0 for
  // a year not yet saved, else the version last read (conflict otherwise). Every field checked
  // at once; kept in their history and audited (facility.figures.update).
  Result<UnitFigures> set_figures(const Actor& actor, UnitFigures figures,
                                  int64_t expected_version) const;
  // Newest first.
  Result<std::vector<FacilityChange>> figure_history(const Actor& actor, const std::string& unit,
                                                     int64_t year) const;

 private:
  struct UnitProblem {
    FieldError error;    // on "unitCode"
    bool outside_scope;  // the unit exists but is not the actor's to write
  };
  // What is wrong with the unit of `fields`: unknown, outside write scope, the wrong level.
  std::optional<UnitProblem> unit_problem(const Actor& actor, const FacilityFields& fields) const;
  // The facility when it is in the actor's scope for `permission`, else not_found.
  Result<Facility> visible(storage::Session& s, const Actor& actor, std::string_view permission,
                           int64_t id) const;
  // invalid_argument for bad fields (all at once), forbidden for a unit outside write scope.
  Status check(const Actor& actor, FacilityFields& fields) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
};

}  // namespace shequ::facility
