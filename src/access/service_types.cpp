#include "access/service_types.hpp"

#include <algorithm>
#include <array>

#include "common/strings.hpp"

namespace shequ::access {

namespace {

const std::array<ServiceType, 16> kTypes{{
    {"convenience_store", {"便利店", "Convenience store"}, true},
    {"supermarket", {"超市", "Supermarket"}, true},
    {"fresh_market", {"菜市场（生鲜）", "Fresh food market"}, true},
    {"breakfast", {"早餐店", "Breakfast"}, true},
    {"laundry", {"洗衣店", "Laundry"}, true},
    {"hairdresser", {"美容美发", "Hairdresser"}, true},
    {"print_shop", {"图文打印", "Print shop"}, true},
    {"housekeeping", {"家政服务", "Housekeeping"}, true},
    {"repair", {"维修点", "Repair"}, true},
    {"pharmacy", {"药店", "Pharmacy"}, true},
    {"parcel_post", {"快递邮政", "Parcel and post point"}, true},
    {"fitness", {"健身场地", "Fitness"}, false},
    {"health", {"卫生服务", "Health care"}, false},
    {"elderly_care", {"养老服务", "Elderly care"}, false},
    {"childcare", {"托育幼教", "Childcare"}, false},
    {"community_service", {"社区综合服务设施", "Community service centre"}, false},
}};

struct TagRule {
  std::string_view key;
  std::string_view value;
  std::string_view type;
};

// OSM tag → service type. Kept beside the type list so that a type and its tags change together.
// Not leisure=swimming_pool: most mapped pools are private garden pools.
constexpr std::array<TagRule, 43> kRules{{
    {"shop", "convenience", "convenience_store"},
    {"shop", "general", "convenience_store"},
    {"shop", "supermarket", "supermarket"},
    {"amenity", "marketplace", "fresh_market"},
    {"shop", "greengrocer", "fresh_market"},
    {"shop", "butcher", "fresh_market"},
    {"shop", "seafood", "fresh_market"},
    {"shop", "bakery", "breakfast"},
    {"amenity", "cafe", "breakfast"},
    {"shop", "laundry", "laundry"},
    {"shop", "dry_cleaning", "laundry"},
    {"amenity", "laundry", "laundry"},
    {"shop", "hairdresser", "hairdresser"},
    {"shop", "beauty", "hairdresser"},
    {"shop", "copyshop", "print_shop"},
    {"shop", "stationery", "print_shop"},
    {"craft", "cleaning", "housekeeping"},
    {"office", "housekeeping", "housekeeping"},
    {"shop", "repair", "repair"},
    {"shop", "shoe_repair", "repair"},
    {"craft", "shoemaker", "repair"},
    {"craft", "key_cutter", "repair"},
    {"craft", "electronics_repair", "repair"},
    {"craft", "tailor", "repair"},
    {"amenity", "pharmacy", "pharmacy"},
    {"shop", "chemist", "pharmacy"},
    {"amenity", "post_office", "parcel_post"},
    {"amenity", "parcel_locker", "parcel_post"},
    {"vending", "parcel_pickup", "parcel_post"},
    {"leisure", "fitness_centre", "fitness"},
    {"leisure", "fitness_station", "fitness"},
    {"leisure", "sports_centre", "fitness"},
    {"amenity", "clinic", "health"},
    {"amenity", "doctors", "health"},
    {"amenity", "hospital", "health"},
    {"healthcare", "centre", "health"},
    {"amenity", "nursing_home", "elderly_care"},
    {"social_facility", "nursing_home", "elderly_care"},
    {"social_facility:for", "senior", "elderly_care"},
    {"amenity", "kindergarten", "childcare"},
    {"amenity", "childcare", "childcare"},
    {"amenity", "community_centre", "community_service"},
    {"amenity", "social_centre", "community_service"},
}};

constexpr std::array<std::string_view, 12> kResidentialBuildings{
    "residential", "apartments", "house", "detached", "semidetached_house", "terrace",
    "dormitory",   "bungalow",   "farm",  "cabin",    "houseboat",          "static_caravan"};

// Keys that show a building is used for something other than living in.
constexpr std::array<std::string_view, 16> kOtherUses{
    "shop",    "amenity", "office", "tourism",  "leisure",    "craft",    "industrial", "man_made",
    "railway", "aeroway", "power",  "military", "healthcare", "religion", "historic",   "parking"};

}  // namespace

std::span<const ServiceType> service_types() {
  return kTypes;
}

const ServiceType* find_service_type(std::string_view key) {
  for (const ServiceType& type : kTypes) {
    if (type.key == key) return &type;
  }
  return nullptr;
}

ServiceTypeId service_type_id(const ServiceType& type) {
  return static_cast<ServiceTypeId>(&type - kTypes.data());
}

std::vector<ServiceTypeId> basic_service_types() {
  std::vector<ServiceTypeId> ids;
  for (const ServiceType& type : kTypes) {
    if (type.basic) ids.push_back(service_type_id(type));
  }
  return ids;
}

std::vector<ServiceTypeId> classify_osm_facility(OsmTags tags) {
  std::vector<ServiceTypeId> ids;
  for (const auto& [key, value] : tags) {
    for (const TagRule& rule : kRules) {
      if (rule.key == key && rule.value == value) {
        ids.push_back(service_type_id(*find_service_type(rule.type)));
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<ServiceTypeId> classify_registry_facility(std::string_view kind,
                                                      std::span<const std::string> services) {
  // The registry's kinds and services that are places of a circle's service type; the others
  // (a legal house, a police room, a fire station) serve, but are no type of the circle.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kKinds{{
      {"comprehensive", "community_service"},
      {"elderly_care_centre", "elderly_care"},
      {"day_care", "elderly_care"},
      {"elderly_canteen", "elderly_care"},
      {"elderly_institution", "elderly_care"},
      {"childcare", "childcare"},
      {"clinic", "health"},
      {"fitness_ground", "fitness"},
      {"parcel_station", "parcel_post"},
  }};
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kServices{{
      {"meal_aid", "elderly_care"},
      {"home_care", "elderly_care"},
      {"childcare", "childcare"},
      {"health", "health"},
  }};
  std::vector<ServiceTypeId> ids;
  for (const auto& [key, type] : kKinds) {
    if (key == kind) ids.push_back(service_type_id(*find_service_type(type)));
  }
  for (const std::string& service : services) {
    for (const auto& [key, type] : kServices) {
      if (key == service) ids.push_back(service_type_id(*find_service_type(type)));
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool is_osm_residence(OsmTags tags) {
  std::string_view building;
  for (const auto& [key, value] : tags) {
    if (key == "building") building = value;
  }
  if (std::find(kResidentialBuildings.begin(), kResidentialBuildings.end(), building) !=
      kResidentialBuildings.end()) {
    return true;
  }
  if (building != "yes") return false;
  // Most buildings are mapped only as building=yes. Without any sign of another use they are
  // taken as dwellings: in a built-up area most such buildings are homes.
  for (const auto& [key, value] : tags) {
    if (std::find(kOtherUses.begin(), kOtherUses.end(), key) != kOtherUses.end()) return false;
  }
  return true;
}

std::string osm_facility_name(OsmTags tags) {
  for (std::string_view key : {"name:zh", "name"}) {
    const auto tag =
        std::find_if(tags.begin(), tags.end(), [key](const auto& kv) { return kv.first == key; });
    if (tag == tags.end()) continue;
    if (auto name = normalise_text(tag->second, key)) return std::move(name).value();
  }
  return {};
}

}  // namespace shequ::access
