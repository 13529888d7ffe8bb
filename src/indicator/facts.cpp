#include "indicator/facts.hpp"

#include <algorithm>
#include <cmath>

#include "facility/catalogue.hpp"

namespace shequ::indicator {

namespace {

using org::UnitType;

int64_t square_cm(double square_metres) {
  return std::llround(square_metres * 10'000);
}

bool offers(const facility::FacilityFields& f, std::string_view service) {
  return std::find(f.services.begin(), f.services.end(), service) != f.services.end();
}

bool open_eight_hours_daily(const facility::FacilityFields& f) {
  return std::all_of(f.hours.begin(), f.hours.end(),
                     [](const auto& day) { return facility::hours_open(day) >= 8.0; });
}

bool is_elderly_care(std::string_view type) {
  return type == "elderly_care_centre" || type == "day_care" || type == "elderly_canteen" ||
         type == "elderly_institution";
}

}  // namespace

bool stands_on(const facility::FacilityFields& facility, std::string_view day) {
  if (facility.status == "building") return false;
  if (facility.opened_on && *facility.opened_on > day) return false;
  if (facility.status == "closed") return facility.closed_on && day < *facility.closed_on;
  return true;
}

bool is_village(org::UnitType type) {
  return type == UnitType::villagers_committee;
}
bool is_community(org::UnitType type) {
  return type == UnitType::residents_committee;
}
bool is_township(org::UnitType type) {
  return type == UnitType::subdistrict || type == UnitType::town || type == UnitType::township;
}

void count_facts(const HierarchyUnit& unit,
                 std::span<const facility::FacilityFields* const> facilities,
                 const facility::UnitFigures* figures, std::string_view day,
                 std::span<int64_t> out) {
  std::fill(out.begin(), out.end(), 0);
  const auto add = [&](Fact fact, int64_t n) { out[static_cast<std::size_t>(fact)] += n; };
  const bool village = is_village(unit.type);
  const bool community = is_community(unit.type);
  const bool township = is_township(unit.type);

  if (figures) {
    add(Fact::households, figures->households);
    add(Fact::residents, figures->residents);
    add(Fact::urban_residents, figures->urban_residents);
    add(Fact::building_area, square_cm(figures->building_area));
    add(Fact::childcare_places, figures->childcare_places);
    add(Fact::childcare_affordable, figures->childcare_affordable);
  }

  bool comprehensive = false, self_service = false, meal_aid = false, home_care = false,
       childcare = false, clinic = false, legal_house = false, proxy = false, social_work = false,
       elderly_institution = false, minors_station = false;
  for (const facility::FacilityFields* f : facilities) {
    if (!stands_on(*f, day)) continue;
    if (f->type == facility::kComprehensive) {
      comprehensive = true;
      add(Fact::comprehensive_facilities, 1);
      add(Fact::facility_floor_area, square_cm(f->floor_area));
      add(Fact::facility_activity_area, square_cm(f->activity_area));
      add(Fact::commercial_service_area, square_cm(f->floor_area));
      if (offers(*f, "volunteer_station")) add(Fact::facilities_with_volunteers, 1);
      if (open_eight_hours_daily(*f)) add(Fact::facilities_open_8h, 1);
    } else {
      add(Fact::commercial_service_area, square_cm(f->service_area));
    }
    if (is_elderly_care(f->type) && f->land_area)
      add(Fact::elderly_care_land, square_cm(*f->land_area));
    self_service |= f->type == "gov_kiosk" || offers(*f, "gov_self_service");
    meal_aid |= f->type == "elderly_canteen" || offers(*f, "meal_aid");
    home_care |= offers(*f, "home_care");
    childcare |= f->type == "childcare" || offers(*f, "childcare");
    clinic |= f->type == "clinic" || offers(*f, "health");
    legal_house |= f->type == "legal_house" || offers(*f, "legal_house");
    proxy |= offers(*f, "gov_proxy");
    social_work |= f->type == "social_work_station";
    elderly_institution |= f->type == "elderly_institution";
    minors_station |= f->type == "minors_protection_station";
  }

  if (village) {
    add(Fact::villages, 1);
    add(Fact::villages_with_facility, comprehensive);
    add(Fact::villages_with_clinic, clinic);
    add(Fact::villages_with_legal_house, legal_house);
  }
  if (community) {
    add(Fact::communities, 1);
    add(Fact::communities_with_facility, comprehensive);
    add(Fact::communities_with_self_service, self_service);
    add(Fact::communities_with_care, meal_aid && home_care);
    add(Fact::communities_with_childcare, childcare);
    add(Fact::communities_with_legal_house, legal_house);
  }
  if (village || community) {
    add(Fact::villages_and_communities, 1);
    add(Fact::units_with_proxy_service, proxy);
  }
  if (township) {
    add(Fact::townships, 1);
    add(Fact::townships_with_social_work, social_work);
    add(Fact::townships_with_elderly_care, elderly_institution);
    add(Fact::townships_with_minors_station, minors_station);
  }
}

}  // namespace shequ::indicator
