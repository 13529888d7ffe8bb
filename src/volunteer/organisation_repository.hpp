// SQL of social organisations, volunteer teams and their members (migration 0031). The contact's
// name and phone go in and out sealed; the service seals and masks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "volunteer/model.hpp"

namespace shequ::volunteer::repository {

struct OrganisationRow {
  Organisation organisation;  // contact fields empty
  std::string contact_name_sealed;
  std::string contact_phone_sealed;
};

Result<int64_t> insert_organisation(storage::Session& s, const OrganisationRow& row,
                                    int64_t created_by, const std::string& at);
Result<std::optional<OrganisationRow>> find_organisation(storage::Session& s, int64_t id);
// Whether an organisation holds `credit_code` already.
Result<bool> credit_code_taken(storage::Session& s, const std::string& credit_code);
// Organisations whose area lies under `roots` (storage::in_subtrees), of `kind` when given,
// newest first, with their current members counted.
Result<std::vector<OrganisationRow>> organisations(storage::Session& s,
                                                   const std::vector<std::string>& roots,
                                                   std::optional<OrganisationKind> kind,
                                                   int64_t offset, int64_t limit, int64_t& total);

// Who may serve a unit of `county`: organisations whose area lies under it.
struct ServingFilter {
  std::string county;
  bool teams = false;  // volunteer teams only; otherwise every other kind
  std::string name;    // a part of the name, "" any
};
// By name, then id.
Result<std::vector<OrganisationRow>> organisations_serving(storage::Session& s,
                                                           const ServingFilter& filter,
                                                           int64_t offset, int64_t limit,
                                                           int64_t& total);

// Members past and present, leaders first, then by when they joined.
Result<std::vector<Membership>> memberships(storage::Session& s, int64_t organisation_id);
Result<std::optional<Membership>> find_membership(storage::Session& s, int64_t organisation_id,
                                                  int64_t volunteer_id);
// Joins, or joins again after leaving (the earlier membership's dates give way).
Status put_membership(storage::Session& s, const Membership& membership);
Status end_membership(storage::Session& s, int64_t organisation_id, int64_t volunteer_id,
                      const std::string& on);

}  // namespace shequ::volunteer::repository
