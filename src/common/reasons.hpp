// Why an input field was refused, in every language the product speaks: one wording for one
// problem wherever it is found (request bodies, query strings, path segments, the contracts of
// routes), so that a person reads the same sentence for the same mistake.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace shequ::reason {

Text required();
Text unknown_field();
Text repeated_field();
Text not_a_string();
Text empty();
Text too_long(std::size_t max_chars);
Text too_short(std::size_t min_chars);
Text not_one_of(const std::vector<std::string>& values);
Text not_an_object();
Text not_a_boolean();
Text not_a_number();
Text not_an_integer();
// A JSON integer outside [min, max].
Text out_of_range(int64_t min, int64_t max);
Text out_of_range(double min, double max);
// A query or path value that is not a decimal integer in [min, max].
Text not_an_integer_from(int64_t min, int64_t max);
Text array_too_long(std::size_t max_items);
Text too_few_items(std::size_t min_items);
Text not_a_tuple(std::size_t items);
Text unknown_query_parameter();
Text repeated_query_parameter();
Text body_not_an_object();
Text no_body();

}  // namespace shequ::reason
