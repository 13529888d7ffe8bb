// What one unit counts towards the indicators on one day: the facts (catalogue.hpp) of a village
// or community, or of a township, from the facilities attached to it and its base figures.
// docs/indicators.md explains each rule.
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "facility/facility.hpp"
#include "indicator/catalogue.hpp"
#include "indicator/rollup.hpp"

namespace shequ::indicator {

// Whether a facility stood and served on `day` ("YYYY-MM-DD"): not being built, opened by then
// (or with no opening date), and, when closed, closed after that day.
bool stands_on(const facility::FacilityFields& facility, std::string_view day);

// Whether a unit of this type is counted among villages and communities (virtual units, 类似居委会
// and 类似村委会, are not) or among townships (类似乡级 units are not).
bool is_village(org::UnitType type);
bool is_community(org::UnitType type);
bool is_township(org::UnitType type);

// Writes the unit's own facts on `day` into `out` (kFactCount numbers, overwritten): from
// `facilities` (those attached to the unit; ones not standing on that day are skipped) and
// `figures` (its base figures for the period's year, or none).
void count_facts(const HierarchyUnit& unit,
                 std::span<const facility::FacilityFields* const> facilities,
                 const facility::UnitFigures* figures, std::string_view day,
                 std::span<int64_t> out);

}  // namespace shequ::indicator
