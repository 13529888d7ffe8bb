// The checks the residents module's services share: every problem of an input is appended to one
// list, so that a caller learns of all of them at once. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
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
// The field errors of a failed check (none when it passed).
void append_problems(std::vector<FieldError>& errors, const Status& status);

}  // namespace shequ::residents
