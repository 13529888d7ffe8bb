// The rules of statistical division codes (统计用区划代码, 12 digits: PP CC DD TTT VVV) and of
// grid codes (a village/community code + a 3-digit serial). Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "org/model.hpp"

namespace shequ::org {

// True for a 12-digit division code or a 15-digit grid code (digits only).
bool is_well_formed_code(std::string_view code);

// The level a code's shape implies: trailing zero groups mark the higher levels.
// nullopt when the code is not well formed or not a valid shape (e.g. "000000000000").
std::optional<Level> level_of_code(std::string_view code);

// ok when level_of_code(code) has a value; otherwise an invalid_argument error naming `field`.
// The one wording for a malformed code, wherever one arrives.
Status check_code(std::string_view code, const std::string& field);

// The parent code the shape implies ("620102001001" -> "620102001000"); empty for a province.
// Precondition: level_of_code(code) has a value.
std::string implied_parent_code(std::string_view code);

// For levels 3-5, the unit type the code range implies (NBS coding rules); nullopt for
// levels 1, 2 and 6, whose types the code does not tell, and for codes outside every range.
std::optional<UnitType> type_of_code(std::string_view code);

// Stable wire key ("residents_committee") and Chinese label ("居委会") of a type.
std::string_view unit_type_key(UnitType type);
std::string_view unit_type_label(UnitType type);
// The type of a Chinese label as written in the NBS division file; nullopt when unknown.
std::optional<UnitType> unit_type_from_label(std::string_view label);
// The level a type belongs to.
Level level_of_type(UnitType type);

// Chinese name of an urban-rural classification code ("111" -> "主城区"); nullopt if unknown.
std::optional<std::string_view> urban_rural_name(std::string_view code);
// True for 1xx codes (urban), false for 2xx (rural). Precondition: urban_rural_name has a value.
bool is_urban(std::string_view urban_rural_code);

// The NBS level name for a level ("省", "地级", "县级", "乡级", "村级").
std::string_view level_name(Level level);

// A community (社区) counts as urban community in the plan's indicators; a village (村) as
// rural. Virtual units count with the kind they resemble.
bool is_community(UnitType type);
bool is_village(UnitType type);

}  // namespace shequ::org
