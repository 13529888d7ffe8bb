// Households and the people living in them (实有人口), for people: registered, corrected and
// moved by the township, the village or community and its grid workers; read masked by officials
// above. Every opening of a record, every search by ID number or phone, every reveal and every
// export is an audit entry; lists stay within scope and hold masked values only.
//
// Scope: a household or person belongs to its grid (and so its village or community); outside
// the caller's scope for the permission an operation needs, it does not exist (not_found). The
// sensitive tags (TagKind::sensitive) are left out of every answer, and kept untouched by every
// change, for a caller without residents:person:sensitive over the person.
//
// Writes carry the version the caller last read: two people correcting one record at once, one
// wins and the other gets conflict. Thread-safe: holds references only; every call runs in its
// own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "residents/model.hpp"
#include "storage/database.hpp"

namespace shequ::residents {

struct HouseholdView {
  Household value;
  std::string address;  // masked
  int64_t members = 0;  // living in it now
};

struct PersonView {
  Person value;           // tags: only those the reader may see
  std::string name;       // masked; "" once anonymised
  std::string id_number;  // masked
  std::string phone;      // masked; "" when none
};

struct HouseholdDetail {
  HouseholdView household;
  std::vector<PersonView> members;
};

// A correction: what is given changes.
struct PersonChange {
  int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::string> phone;  // "" removes it
  std::optional<std::string> ethnicity;
  std::optional<std::string> registration;
  std::optional<std::vector<Tag>> tags;  // the tags the caller may see, all of them
};

// A move: into another household (within the caller's scope) or away from the area.
struct Move {
  int64_t version = 0;
  std::optional<int64_t> household;  // none: moved away
  std::string relation;              // in the new household
  std::string date;                  // YYYY-MM-DD
};

struct Stay {
  Membership value;
  HouseholdView household;
};

struct PersonDetail {
  PersonView view;
  std::optional<HouseholdView> household;  // the current one
  std::vector<Stay> history;               // oldest first
};

struct PersonQuery {
  std::optional<std::string> unit;  // a subtree (default: the caller's scope)
  std::string tag;                  // "" any
  bool include_moved_out = false;
  org::PageRequest page;
};

// Everything held about one person, in clear: what a subject-access request is answered with.
struct PersonRecord {
  PersonDetail detail;
  std::string name;
  std::string id_number;
  std::string phone;
  std::vector<std::string> addresses;  // of history's households, in its order
};

enum class RevealField { name, id_number, phone, address };

class ResidentService {
 public:
  // Every reference must outlive the service.
  ResidentService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                  const Clock& clock, const privacy::Keyring& keyring);

  Result<HouseholdView> create_household(const Actor& actor, const NewHousehold& input) const;
  Result<org::Page<HouseholdView>> households(const Actor& actor,
                                              const std::optional<std::string>& unit,
                                              const org::PageRequest& page) const;
  // Audited: the household and its members were read.
  Result<HouseholdDetail> household(const Actor& actor, int64_t id) const;

  // conflict (field idNumber) when the ID number is registered already, naming where.
  Result<PersonDetail> register_person(const Actor& actor, const NewPerson& input) const;
  Result<org::Page<PersonView>> people(const Actor& actor, const PersonQuery& query) const;
  // Exact search through the blind index: by ID number (at most one) or by phone. Audited.
  Result<std::vector<PersonView>> find(const Actor& actor, const std::string& id_number,
                                       const std::string& phone) const;
  // Audited: the record was read.
  Result<PersonDetail> person(const Actor& actor, int64_t id) const;
  Result<PersonDetail> correct(const Actor& actor, int64_t id, const PersonChange& change) const;
  Result<PersonDetail> move(const Actor& actor, int64_t id, const Move& move) const;
  // One field in clear, for a caller holding residents:person:reveal who states why (2-200
  // characters). Audited with the reason.
  Result<std::string> reveal(const Actor& actor, int64_t id, RevealField field,
                             const std::string& reason) const;
  // Everything held about the person, in clear. Audited with the reason.
  Result<PersonRecord> export_person(const Actor& actor, int64_t id,
                                     const std::string& reason) const;

  // Anonymises everyone who moved away more than kRetentionYears before today (PIPL art. 47:
  // nothing kept longer than its purpose needs): identity dropped, counts kept; each audited as
  // done by the system. How many it anonymised.
  Result<int64_t> anonymise_moved_away() const;

  // The person as the actor may see them: masked, without the tags they may not see.
  PersonView view_of(const Actor& actor, Person person) const;

 private:
  Result<std::string> open(const std::optional<std::string>& sealed,
                           std::string_view context) const;
  Result<HouseholdView> household_view(storage::Session& s, const Household& h) const;
  Result<PersonDetail> detail(storage::Session& s, const Actor& actor, int64_t id) const;
  // The person when the actor holds `permission` over them; not_found otherwise.
  Result<Person> readable_person(storage::Session& s, const Actor& actor, int64_t id,
                                 std::string_view permission) const;
  Result<Household> readable_household(storage::Session& s, const Actor& actor, int64_t id,
                                       std::string_view permission,
                                       const std::string& field = "") const;
  std::string today() const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
};

}  // namespace shequ::residents
