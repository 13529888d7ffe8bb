// Social organisations and volunteer teams (社会组织、志愿服务队, issue 15) of a county, township,
// village or community, and their members among the area's volunteers. Staff who approve
// volunteers (volunteer:roster:manage) register organisations over their units and keep their
// members; those who read volunteers read them. The contact person is a sealed field, masked in
// every answer.
//
// Thread-safe: immutable after construction; every reference must outlive the service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "volunteer/model.hpp"

namespace shequ::volunteer {

struct OrganisationDetail {
  Organisation organisation;
  std::vector<Membership> members;  // past and present, leaders first
};

class OrganisationService {
 public:
  OrganisationService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                      const Clock& clock, const privacy::Keyring& keyring);

  // invalid with every field's reason at once: a name, a contact, an area that is a county,
  // township, village or community; a unified social credit code for those registered with civil
  // affairs (its first two characters 51, 52 or 53 as their kind says), valid when given.
  // conflict when another organisation holds the code.
  Result<Organisation> register_organisation(const Actor& actor,
                                             const OrganisationInput& input) const;
  // Organisations whose area lies in the caller's scope (or under `unit`), newest first.
  Result<org::Page<Organisation>> organisations(const Actor& actor,
                                                const std::optional<std::string>& unit,
                                                std::optional<OrganisationKind> kind,
                                                const org::PageRequest& page) const;
  Result<OrganisationDetail> organisation(const Actor& actor, int64_t id) const;
  // Whether an organisation registered over `area` may serve `unit`: its area lies within the
  // unit's county (organisations are registered at county level or below). A township may so
  // take on its county's organisations and its neighbours', whose areas it cannot read.
  bool may_serve(const std::string& area, const std::string& unit) const;
  // The organisations that may serve `unit`: volunteer teams when `teams`, every other kind
  // otherwise; whose name holds `name` when given; by name. Without their contact (left empty):
  // the callers, who buy or register resources for `unit`, check their own permission over it;
  // name, kind and area are what a public register shows. not_found for an unknown unit.
  Result<org::Page<Organisation>> serving(const std::string& unit, bool teams,
                                          const std::string& name,
                                          const org::PageRequest& page) const;
  // An approved volunteer of the organisation's area joins it (again, after leaving).
  // conflict for a volunteer outside its area, not approved, or a member already.
  Result<Membership> add_member(const Actor& actor, int64_t id, int64_t volunteer_id,
                                MemberRole role) const;
  // The member leaves today; their membership stays on record.
  Status remove_member(const Actor& actor, int64_t id, int64_t volunteer_id) const;

 private:
  Result<Organisation> shown(const Organisation& stored, const std::string& name_sealed,
                             const std::string& phone_sealed) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
};

}  // namespace shequ::volunteer
