// What the registry knows of facilities: their kinds (REQUIREMENTS.md module 4, and the
// township-level institutions the plan counts) and the services a facility offers. Keys are the
// API's and the database's; labels are what people read.
//
// Thread-safe: constant tables.
#pragma once

#include <span>
#include <string_view>

#include "common/error.hpp"
#include "org/model.hpp"

namespace shequ::facility {

struct FacilityType {
  std::string_view key;  // "comprehensive"
  Text label;
  org::Level level;  // the level of unit it belongs to: village (or community), or township
};

struct ServiceKind {
  std::string_view key;  // "meal_aid"
  Text label;
};

// Every kind, the comprehensive facility first.
std::span<const FacilityType> facility_types();
const FacilityType* find_facility_type(std::string_view key);

std::span<const ServiceKind> service_kinds();
const ServiceKind* find_service_kind(std::string_view key);

// The kind every village and community should have one of (indicators 1 to 5).
inline constexpr std::string_view kComprehensive = "comprehensive";

}  // namespace shequ::facility
