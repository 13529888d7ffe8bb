// SQL of the residents module: households, people, their stays and tags. Stateless: every
// function runs inside the caller's transaction (Session), with parameters bound, portable across
// SQLite and PostgreSQL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "org/model.hpp"
#include "residents/model.hpp"
#include "storage/change_log.hpp"
#include "storage/database.hpp"

namespace shequ::residents::repository {

// Which households or people a list holds: those whose grid lies in the subtree of one of
// `roots` (none: nothing), optionally within one `unit` subtree as well.
struct Filter {
  std::vector<std::string> roots;
  std::optional<std::string> unit;
  std::string tag;                 // people only: "" any
  bool include_moved_out = false;  // people only
};

Result<int64_t> insert_household(storage::Session& s, const Household& h);
// A household registered with its members at once (an import).
struct HouseholdRows {
  Household household;
  std::vector<Person> people;
  std::vector<Membership> stays;  // one per person, in its order
};
// Inserts them as storage::insert_rows does, their ids reserved ahead (the ids given are
// ignored; each person is linked to its household, each stay and tag to its person).
Status insert_households(storage::Session& s, std::vector<HouseholdRows> rows);
Result<std::optional<Household>> find_household(storage::Session& s, int64_t id);
// Newest first, each with how many people live in it now.
Result<org::Page<std::pair<Household, int64_t>>> list_households(storage::Session& s,
                                                                 const Filter& filter,
                                                                 const org::PageRequest& page);

// Inserts a person and their tags (id and version ignored); its id. conflict when the ID
// number's blind index is taken.
Result<int64_t> insert_person(storage::Session& s, const Person& p);
Result<std::optional<Person>> find_person(storage::Session& s, int64_t id);
Result<std::optional<Person>> find_person_by_id_number(storage::Session& s,
                                                       const std::string& index);
// Of these ID numbers' blind indexes, those registered already, each with its person's unit: an
// import's duplicate check, many indexes a statement.
Result<std::map<std::string, std::string>> registered_id_numbers(
    storage::Session& s, const std::vector<std::string>& indexes);
// People with this phone's blind index in `roots`' subtrees, at most 20.
Result<std::vector<Person>> find_people_by_phone(storage::Session& s, const std::string& index,
                                                 const std::vector<std::string>& roots);
// Newest first.
Result<org::Page<Person>> list_people(storage::Session& s, const Filter& filter,
                                      const org::PageRequest& page);
// The people living in the filter's scope now (not moved away, not anonymised) who carry one of
// `tags`: the candidates for care targets, lean (id, grid, those of their tags among `tags`, the
// day of their last visit), by id.
struct CareCandidate {
  int64_t person_id = 0;
  std::string grid_code;
  std::vector<Tag> tags;
  std::optional<std::string> last_visit;
};
Result<std::vector<CareCandidate>> care_candidates(storage::Session& s, const Filter& filter,
                                                   const std::vector<std::string>& tags);
// The people living in the household now, by id.
Result<std::vector<Person>> members(storage::Session& s, int64_t household_id);
// Writes the person's fields and tags when the person is still at `expected_version` and bumps
// the version; false when someone changed them since.
Result<bool> update_person(storage::Session& s, const Person& p, int64_t expected_version);

// People who moved away before `date` and are not yet anonymised, by id, at most `limit`.
Result<std::vector<int64_t>> moved_away_before(storage::Session& s, const std::string& date,
                                               int64_t limit);
// Drops the person's identity (name, ID number, phone, their indexes; the birth date down to its
// year; their visits' notes) and marks them anonymised at `at`; counts and tags stay.
Status anonymise(storage::Session& s, int64_t person_id, const std::string& at);

// Opening and closing a stay note the household's unit in the home change log (migration
// 0027), as insert_households notes each unit it registers into.
Status insert_membership(storage::Session& s, const Membership& m);
// The person's open stay, if any.
Result<std::optional<Membership>> current_membership(storage::Session& s, int64_t person_id);
Status close_membership(storage::Session& s, int64_t membership_id, const std::string& moved_out);
// Oldest first.
Result<std::vector<Membership>> memberships(storage::Session& s, int64_t person_id);
// The person living in the household now as its head, if any.
Result<std::optional<int64_t>> current_head(storage::Session& s, int64_t household_id);

// A located household with people living in it now: a home of the fifteen-minute circle. Only
// the point, the unit and the count leave the module: never a name or an address.
struct LocatedHome {
  std::string unit_code;
  int32_t lat_e7 = 0;
  int32_t lon_e7 = 0;
  int64_t people = 0;
};
// Every located household someone lives in now; with `units`, only those of these villages and
// communities. By household id.
Result<std::vector<LocatedHome>> located_homes(
    storage::Session& s, const std::optional<std::vector<std::string>>& units = std::nullopt);
// The mark of the home change log above `after`.
Result<storage::ChangeMark> home_change_mark(storage::Session& s, int64_t after);
// The units named by the home change log's entries above `after`, each once.
Result<std::vector<std::string>> home_change_units(storage::Session& s, int64_t after);

// An uploaded register (migrations 0025, 0028): its file sealed until read, then its outcome
// (JSON).
struct ImportFile {
  int64_t id = 0;
  std::string unit_code;
  std::optional<std::string> file_sealed;
  int64_t file_bytes = 0;      // the file's length as uploaded
  bool file_deflated = false;  // the sealed file is compressed (common/compression.hpp)
  std::optional<std::string> outcome;
  std::string created_at;
};
Result<int64_t> insert_import(storage::Session& s, const ImportFile& f);
Result<std::optional<ImportFile>> find_import(storage::Session& s, int64_t id);
// Records the outcome and drops the file.
Status finish_import(storage::Session& s, int64_t id, const std::string& outcome);
// Drops the files of imports made before `created_before` (a timestamp) that still hold one.
Result<int64_t> drop_import_files(storage::Session& s, const std::string& created_before);

}  // namespace shequ::residents::repository
