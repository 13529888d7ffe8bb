#include "facility/catalogue.hpp"

#include <algorithm>
#include <array>

namespace shequ::facility {

namespace {

using org::Level;

const std::array<FacilityType, 19> kTypes{{
    {kComprehensive, {"社区综合服务设施", "Comprehensive service facility"}, Level::village},
    {"elderly_care_centre", {"养老服务中心（站）", "Elderly-care centre"}, Level::village},
    {"day_care", {"日间照料中心", "Day-care centre"}, Level::village},
    {"elderly_canteen", {"老年餐桌（助餐点）", "Canteen for the elderly"}, Level::village},
    {"childcare", {"托育服务机构", "Childcare"}, Level::village},
    {"clinic", {"村卫生室（社区卫生服务站）", "Clinic"}, Level::village},
    {"legal_house", {"法律之家", "Legal house"}, Level::village},
    {"volunteer_station", {"志愿服务站", "Volunteer station"}, Level::village},
    {"social_work_room", {"社会工作室", "Social-work room"}, Level::village},
    {"culture_centre", {"综合文化服务中心", "Culture centre"}, Level::village},
    {"fitness_ground", {"健身场地", "Fitness ground"}, Level::village},
    {"emergency_shelter", {"应急避难场所", "Emergency shelter"}, Level::village},
    {"micro_fire_station", {"微型消防站", "Micro fire station"}, Level::village},
    {"police_room", {"警务室", "Police room"}, Level::village},
    {"gov_kiosk", {"政务通用自助服务一体机", "Government self-service kiosk"}, Level::village},
    {"parcel_station", {"快递服务站", "Parcel station"}, Level::village},
    {"social_work_station", {"乡镇（街道）社会工作服务站", "Social-work station"}, Level::township},
    {"elderly_institution",
     {"乡镇（街道）综合养老服务机构", "Comprehensive elderly-care institution"},
     Level::township},
    {"minors_protection_station",
     {"乡镇（街道）未成年人保护工作站", "Minors-protection station"},
     Level::township},
}};

const std::array<ServiceKind, 10> kServices{{
    {"volunteer_station", {"志愿服务站点", "Volunteer station"}},
    {"meal_aid", {"老年助餐", "Meal aid for the elderly"}},
    {"home_care", {"居家照护", "Home care"}},
    {"gov_self_service", {"政务通用自助服务", "Government self-service"}},
    {"gov_proxy", {"政务代办", "Proxy government services"}},
    {"legal_house", {"法律之家", "Legal house"}},
    {"childcare", {"托育", "Childcare"}},
    {"health", {"卫生健康", "Health care"}},
    {"culture_sport", {"文化体育", "Culture and sport"}},
    {"employment", {"就业服务", "Employment services"}},
}};

template <class T>
const T* find(std::span<const T> all, std::string_view key) {
  const auto it = std::find_if(all.begin(), all.end(), [&](const T& t) { return t.key == key; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace

std::span<const FacilityType> facility_types() {
  return kTypes;
}
const FacilityType* find_facility_type(std::string_view key) {
  return find(facility_types(), key);
}
std::span<const ServiceKind> service_kinds() {
  return kServices;
}
const ServiceKind* find_service_kind(std::string_view key) {
  return find(service_kinds(), key);
}

}  // namespace shequ::facility
