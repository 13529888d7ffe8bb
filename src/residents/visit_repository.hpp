// SQL of home visits: the care rules, the visits and the referrals they raise. Stateless: every
// function runs inside the caller's transaction (Session), with parameters bound, portable across
// SQLite and PostgreSQL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "org/model.hpp"
#include "residents/care.hpp"
#include "residents/model.hpp"
#include "storage/database.hpp"

namespace shequ::residents::repository {

// Every rule the province and the cities have set.
Result<std::vector<CareRule>> care_rules(storage::Session& s);
// Replaces the rules of `unit` with `rules` (their unit_code ignored).
Status replace_care_rules(storage::Session& s, const std::string& unit,
                          const std::vector<CareRule>& rules, const std::string& at);

// Inserts a visit (its id ignored); its id. conflict when its client key is taken.
Result<int64_t> insert_visit(storage::Session& s, const Visit& v);
Result<std::optional<Visit>> find_visit_by_key(storage::Session& s, const std::string& key);
Result<std::optional<Visit>> find_visit(storage::Session& s, int64_t id);
// A person's visits, newest first, at most `limit`.
Result<std::vector<Visit>> visits_of(storage::Session& s, int64_t person_id, int64_t limit);

// Per village or community: the people with `tag` living there at some time in [first, last]
// (by their stays), and how many of them were visited in it. Units without any are left out.
Result<std::vector<VisitRate>> visit_rates(storage::Session& s, const std::string& tag,
                                           const std::string& first, const std::string& last);

Result<int64_t> insert_referral(storage::Session& s, const Referral& r);
Result<std::optional<Referral>> find_referral(storage::Session& s, int64_t id);
// Newest first, those whose grid lies in `roots`' subtrees (the township's staff and those above
// see its referrals, the grid's community and grid worker those they raised); status "" any.
Result<org::Page<Referral>> list_referrals(storage::Session& s,
                                           const std::vector<std::string>& roots,
                                           const std::string& status, const org::PageRequest& page);
// Open referrals (referred or under assessment) whose grid lies in `roots`' subtrees.
Result<int64_t> count_open_referrals(storage::Session& s, const std::vector<std::string>& roots);
// Writes status, reason and decision when still at `expected_version`; false when changed since.
Result<bool> update_referral(storage::Session& s, const Referral& r, int64_t expected_version);

}  // namespace shequ::residents::repository
