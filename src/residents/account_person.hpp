// The person of the register that a resident's account stands for: the one whose phone is the
// account's, so that what a resident does on the resident pages (answering a survey, raising a
// need) reaches the record staff keep of them, without the resident ever naming an ID number.
//
// Thread-safe: a free function over the caller's session.
#pragma once

#include <cstdint>
#include <optional>

#include "common/result.hpp"
#include "org/org_tree.hpp"
#include "privacy/keyring.hpp"
#include "residents/model.hpp"
#include "storage/database.hpp"

namespace shequ::residents {

// The person living in a household (not moved away, not anonymised) whose phone is account
// `user_id`'s, the oldest record when several share the phone; none for an account without a
// phone or a phone the register does not hold. Runs inside the caller's transaction.
Result<std::optional<Person>> person_of_account(storage::Session& s,
                                                const privacy::Keyring& keyring,
                                                const org::OrgTree& tree, int64_t user_id);

}  // namespace shequ::residents
