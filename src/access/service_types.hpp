// The services a fifteen-minute circle must hold, and how OpenStreetMap tags map onto them: the
// one place that says which facility counts as which service type. shequ's own facility registry
// (a later module) maps its facility kinds here too, so OSM points and registry facilities are
// searched as one set.
//
// The basic types (基本保障类) are those of 商务部等《城市一刻钟便民生活圈建设指南》(2021); the
// others are the plan's fitness circle (健身圈) and the community facilities shequ manages.
//
// Thread-safe: immutable tables.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace shequ::access {

using ServiceTypeId = uint16_t;

struct ServiceType {
  std::string_view key;  // stable, used in the API and files ("pharmacy")
  Text name;
  bool basic;  // counts towards "reaches all basic types"
};

using OsmTags = std::span<const std::pair<std::string_view, std::string_view>>;

// All types in a fixed order; a ServiceTypeId is an index into it.
std::span<const ServiceType> service_types();
// nullptr for an unknown key.
const ServiceType* find_service_type(std::string_view key);
ServiceTypeId service_type_id(const ServiceType& type);
// Ids of the basic types, in order.
std::vector<ServiceTypeId> basic_service_types();

// The service types an OSM object with these tags offers (none, one or several).
std::vector<ServiceTypeId> classify_osm_facility(OsmTags tags);
// The service types a facility of shequ's registry offers: by its kind (facility/catalogue.hpp:
// a comprehensive facility is a community service centre, a canteen for the elderly is elderly
// care, ...) and by the services it lists (meal aid, home care, childcare, health care).
std::vector<ServiceTypeId> classify_registry_facility(std::string_view kind,
                                                      std::span<const std::string> services);
// Whether an OSM object with these tags is a dwelling: a building tagged as residential
// (residential, apartments, house, detached, terrace, dormitory, …), or a plain building=yes
// with no tag of another use (shop, amenity, office, tourism, …).
bool is_osm_residence(OsmTags tags);
// The name to show for an OSM object: `name:zh`, else `name`, in NFC. A name that
// normalise_text refuses (a bidirectional override, a zero-width space, …) is passed over, since
// the map and the exports would show it as something else; "" when no name is left.
std::string osm_facility_name(OsmTags tags);

}  // namespace shequ::access
