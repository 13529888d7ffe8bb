// The checks the residents module's services share (registering by hand, importing a register):
// every problem of an input is appended to one list, so that a caller learns of all of them at
// once; and the rows a checked input becomes, sealed. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
#include "privacy/keyring.hpp"
#include "residents/model.hpp"

namespace shequ::residents {

// A person that does not exist, or not for the caller (the same answer: no probing).
Error person_not_found();

// Degrees as stored: × 10^7, rounded.
std::optional<int32_t> e7(const std::optional<double>& degrees);

// `value` between `min` and `max` characters.
void check_length(std::vector<FieldError>& errors, const std::string& field,
                  const std::string& value, std::size_t min, std::size_t max);
// `value` one of `choices`' keys.
void check_choice(std::vector<FieldError>& errors, const std::string& field,
                  const std::vector<Choice>& choices, const std::string& value);
// A date a user gives: real (YYYY-MM-DD), not after `today`, not before `earliest`.
void check_date(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                const std::string& today, const std::string& earliest);
// A new household's own fields (address, type, point), by the API's field names. The grid is
// the caller's to check (it needs the org tree).
void check_household(std::vector<FieldError>& errors, const NewHousehold& input);
// The tags as given: known kinds, each once, a detail where the kind has one (a disability's
// "<kind>:<grade 1-4>") and none elsewhere; sensitive ones only when `may_set_sensitive`.
void check_tags(std::vector<FieldError>& errors, const std::vector<Tag>& tags,
                bool may_set_sensitive);
// A new person's own fields (all but the household), by the API's field names, as of `today`
// (YYYY-MM-DD): name, ID number (GB 11643), phone, ethnicity, relation, registration, moved-in
// date (not before the birth the ID number gives), tags. The birth date (YYYY-MM-DD) the ID
// number gives, or "" when it is not a valid number.
std::string check_person(std::vector<FieldError>& errors, const NewPerson& input,
                         const std::string& today, bool may_set_sensitive);
// The row of a checked household in `grid`'s village or community `unit_code`, its address
// sealed; `now` a timestamp.
Household sealed_household(const privacy::Keyring& keyring, const NewHousehold& input,
                           const std::string& unit_code, const std::string& now);
// The row of a checked person living in `household`, name, ID number and phone sealed;
// `id_index` the ID number's blind index, `birth` what check_person returned.
Person sealed_person(const privacy::Keyring& keyring, const NewPerson& input,
                     const Household& household, const std::string& id_index,
                     const std::string& birth, const std::string& now);
// The field errors of a failed check (none when it passed).
void append_problems(std::vector<FieldError>& errors, const Status& status);

}  // namespace shequ::residents
