#include "facility/facility.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "common/strings.hpp"
#include "facility/catalogue.hpp"

namespace shequ::facility {

namespace {

// Gansu and a margin around it (its extremes: 32.6°N to 42.8°N, 92.2°E to 108.7°E).
constexpr double kSouth = 32.0, kNorth = 43.5, kWest = 92.0, kEast = 109.5;

std::optional<int> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto hours = parse_decimal(text.substr(0, 2));
  const auto minutes = parse_decimal(text.substr(3, 2));
  if (!hours || !minutes || *minutes > 59 || *hours > 24 || (*hours == 24 && *minutes != 0)) {
    return std::nullopt;
  }
  return static_cast<int>(*hours * 60 + *minutes);
}

std::string format_clock(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

double to_centimetres(double area) {
  return std::round(area * 100.0) / 100.0;
}

std::string format_number(double value) {
  return fmt::format("{:.2f}", value);
}

}  // namespace

std::optional<TimeRange> parse_time_range(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto from = parse_clock(text.substr(0, dash));
  const auto to = parse_clock(text.substr(dash + 1));
  if (!from || !to || *from >= *to || *from == 24 * 60) return std::nullopt;
  return TimeRange{*from, *to};
}

std::string format_time_range(const TimeRange& range) {
  return format_clock(range.from) + "-" + format_clock(range.to);
}

double hours_open(const std::vector<TimeRange>& day) {
  int minutes = 0;
  for (const TimeRange& r : day) minutes += r.to - r.from;
  return minutes / 60.0;
}

std::vector<FieldError> check_fields(FacilityFields& f) {
  std::vector<FieldError> problems;
  const FacilityType* type = find_facility_type(f.type);
  if (type == nullptr)
    problems.push_back({"type", {"没有这种设施类型", "no such kind of facility"}});
  if (auto name = normalise_text(f.name, "name"); !name) {
    for (FieldError& e : std::move(name).error().details) problems.push_back(std::move(e));
  } else if (trim(*name).empty()) {
    problems.push_back({"name", {"不能为空", "must not be empty"}});
  } else if (utf8_length(*name) > kMaxName) {
    problems.push_back(
        {"name",
         {fmt::format("最多 {} 个字", kMaxName), fmt::format("at most {} characters", kMaxName)}});
  } else {
    f.name = std::string(trim(*name));
  }

  auto area = [&](double& value, const char* field, bool positive) {
    if (!std::isfinite(value) || value < 0 || (positive && value <= 0) || value > kMaxArea) {
      problems.push_back({field,
                          {fmt::format("应为{}不超过 {:.0f} 平方米的面积",
                                       positive ? "大于 0、" : "0 到 ", kMaxArea),
                           fmt::format("must be an area {} and at most {:.0f} m²",
                                       positive ? "above 0" : "from 0", kMaxArea)}});
      return false;
    }
    value = to_centimetres(value);
    return true;
  };
  const bool floor_ok = area(f.floor_area, "floorArea", true);
  const bool activity_ok = area(f.activity_area, "activityArea", false);
  const bool office_ok = area(f.office_area, "officeArea", false);
  const bool service_ok = area(f.service_area, "serviceArea", false);
  if (f.land_area) area(*f.land_area, "landArea", true);
  if (f.capacity && (*f.capacity < 0 || *f.capacity > kMaxCapacity)) {
    problems.push_back({"capacity",
                        {fmt::format("应为 0 到 {} 之间的人数", kMaxCapacity),
                         fmt::format("must be a number of people from 0 to {}", kMaxCapacity)}});
  } else if (!f.capacity && f.type == kEmergencyShelter) {
    problems.push_back(
        {"capacity", {"应急避难场所须填写可容纳人数", "an emergency shelter needs its capacity"}});
  }
  if (floor_ok) {
    auto within_floor = [&](bool ok, double value, const char* field, const char* zh,
                            const char* en) {
      if (ok && value > f.floor_area) {
        problems.push_back({field,
                            {fmt::format("{}（{} 平方米）不能大于总建筑面积（{} 平方米）", zh,
                                         format_number(value), format_number(f.floor_area)),
                             fmt::format("the {} ({} m²) cannot exceed the floor area ({} m²)", en,
                                         format_number(value), format_number(f.floor_area))}});
        return false;
      }
      return ok;
    };
    const bool activity_fits = within_floor(activity_ok, f.activity_area, "activityArea",
                                            "居民活动区域面积", "resident-activity area");
    const bool office_fits =
        within_floor(office_ok, f.office_area, "officeArea", "办公区域面积", "office area");
    within_floor(service_ok, f.service_area, "serviceArea", "商业和服务区域面积",
                 "commercial and service area");
    if (activity_fits && office_fits && f.activity_area + f.office_area > f.floor_area) {
      problems.push_back(
          {"officeArea",
           {"居民活动区域与办公区域面积之和不能大于总建筑面积",
            "the resident-activity and office areas together cannot exceed the floor area"}});
    }
  }

  for (std::size_t d = 0; d < kDays.size(); ++d) {
    auto& day = f.hours[d];
    const std::string field = fmt::format("hours.{}", kDays[d]);
    if (day.size() > kMaxRangesPerDay) {
      problems.push_back({field,
                          {fmt::format("每天最多 {} 个时段", kMaxRangesPerDay),
                           fmt::format("at most {} ranges a day", kMaxRangesPerDay)}});
      continue;
    }
    std::sort(day.begin(), day.end(),
              [](const TimeRange& a, const TimeRange& b) { return a.from < b.from; });
    for (std::size_t i = 1; i < day.size(); ++i) {
      if (day[i].from < day[i - 1].to) {
        problems.push_back({field,
                            {fmt::format("时段 {} 与 {} 重叠", format_time_range(day[i - 1]),
                                         format_time_range(day[i])),
                             fmt::format("ranges {} and {} overlap", format_time_range(day[i - 1]),
                                         format_time_range(day[i]))}});
        break;
      }
    }
  }

  std::set<std::string> seen;
  for (std::size_t i = 0; i < f.services.size(); ++i) {
    const std::string field = fmt::format("services[{}]", i);
    if (find_service_kind(f.services[i]) == nullptr) {
      problems.push_back({field, {"没有这项服务", "no such service"}});
    } else if (!seen.insert(f.services[i]).second) {
      problems.push_back({field, {"重复", "listed twice"}});
    }
  }
  std::sort(f.services.begin(), f.services.end());

  if (f.lat_e7.has_value() != f.lon_e7.has_value()) {
    problems.push_back(
        {f.lat_e7 ? "lon" : "lat", {"经度和纬度须同时填写", "give both latitude and longitude"}});
  } else if (f.lat_e7) {
    const double lat = *f.lat_e7 / 1e7;
    const double lon = *f.lon_e7 / 1e7;
    if (lat < kSouth || lat > kNorth || lon < kWest || lon > kEast) {
      problems.push_back(
          {"lat",
           {fmt::format("位置（{:.5f}, {:.5f}）不在甘肃省内", lat, lon),
            fmt::format("the location ({:.5f}, {:.5f}) is not in Gansu", lat, lon)}});
    }
  }

  if (std::find(kStatuses.begin(), kStatuses.end(), f.status) == kStatuses.end()) {
    problems.push_back(
        {"status", {"状态应为在建、运营或停用", "must be building, open or closed"}});
  } else {
    if (f.status != "building" && !f.opened_on) {
      problems.push_back({"openedOn",
                          {"运营或停用的设施须填写启用日期",
                           "an open or closed facility needs its opening date"}});
    }
    if (f.status == "closed" && !f.closed_on) {
      problems.push_back(
          {"closedOn", {"停用的设施须填写停用日期", "a closed facility needs its closing date"}});
    }
    if (f.status != "closed" && f.closed_on) {
      problems.push_back(
          {"closedOn",
           {"只有停用的设施才有停用日期", "only a closed facility has a closing date"}});
    }
    if (f.opened_on && f.closed_on && *f.closed_on < *f.opened_on) {
      problems.push_back(
          {"closedOn",
           {"停用日期不能早于启用日期", "the closing date is before the opening date"}});
    }
  }
  return problems;
}

std::vector<StandardCheck> check_standards(const FacilityFields& f,
                                           std::optional<int64_t> households) {
  if (f.type != kComprehensive) return {};
  std::vector<StandardCheck> checks;
  StandardCheck per_households{"areaPer100Households",
                               {"每百户设施面积", "Floor area per 100 households"},
                               "no_data",
                               std::nullopt,
                               30,
                               "m²",
                               {}};
  if (households && *households > 0) {
    per_households.value = f.floor_area / static_cast<double>(*households) * 100.0;
    per_households.result = *per_households.value >= per_households.threshold ? "pass" : "fail";
  } else {
    per_households.note = {"所在村（社区）尚未登记户数",
                           "the households of its unit are not entered"};
  }
  checks.push_back(std::move(per_households));

  StandardCheck activity{"activityShare",
                         {"居民活动区域面积占比", "Resident-activity share of the floor area"},
                         "fail",
                         f.activity_area / f.floor_area * 100.0,
                         60,
                         "%",
                         {}};
  if (*activity.value >= activity.threshold) activity.result = "pass";
  checks.push_back(std::move(activity));

  StandardCheck open{"openHours", {"每天开放时间", "Open hours every day"}, "pass", 24.0, 8, "h",
                     {}};
  for (std::size_t d = 0; d < kDays.size(); ++d) {
    const double hours = hours_open(f.hours[d]);
    if (hours < *open.value) {
      open.value = hours;
      if (hours < open.threshold) {
        static constexpr std::array<std::string_view, 7> kZh{"周一", "周二", "周三", "周四",
                                                             "周五", "周六", "周日"};
        static constexpr std::array<std::string_view, 7> kEn{
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        open.result = "fail";
        open.note = {fmt::format("{}开放 {:.1f} 小时", kZh[d], hours),
                     fmt::format("open {:.1f} h on {}", hours, kEn[d])};
      }
    }
  }
  checks.push_back(std::move(open));
  return checks;
}

Json to_json(const Facility& facility) {
  const FacilityFields& f = facility.fields;
  Json hours = Json::object();
  for (std::size_t d = 0; d < kDays.size(); ++d) {
    Json day = Json::array();
    for (const TimeRange& r : f.hours[d]) day.push_back(format_time_range(r));
    hours[std::string(kDays[d])] = std::move(day);
  }
  auto optional_number = [](const std::optional<double>& v) {
    return v ? Json(*v) : Json(nullptr);
  };
  auto optional_text = [](const std::optional<std::string>& v) {
    return v ? Json(*v) : Json(nullptr);
  };
  return {{"id", facility.id},
          {"unitCode", f.unit_code},
          {"type", f.type},
          {"name", f.name},
          {"floorArea", f.floor_area},
          {"activityArea", f.activity_area},
          {"officeArea", f.office_area},
          {"serviceArea", f.service_area},
          {"landArea", optional_number(f.land_area)},
          {"capacity", f.capacity ? Json(*f.capacity) : Json(nullptr)},
          {"hours", std::move(hours)},
          {"services", f.services},
          {"lat", f.lat_e7 ? Json(*f.lat_e7 / 1e7) : Json(nullptr)},
          {"lon", f.lon_e7 ? Json(*f.lon_e7 / 1e7) : Json(nullptr)},
          {"status", f.status},
          {"openedOn", optional_text(f.opened_on)},
          {"closedOn", optional_text(f.closed_on)},
          {"createdAt", facility.created_at},
          {"updatedAt", facility.updated_at},
          {"version", facility.version}};
}

std::vector<FieldError> check_figures(UnitFigures& f) {
  std::vector<FieldError> problems;
  constexpr int64_t kMaxCount = 10'000'000;
  auto count = [&](int64_t value, const char* field) {
    if (value < 0 || value > kMaxCount) {
      problems.push_back({field,
                          {fmt::format("应为 0 到 {} 之间的整数", kMaxCount),
                           fmt::format("must be a whole number from 0 to {}", kMaxCount)}});
      return false;
    }
    return true;
  };
  if (f.year < kFirstYear || f.year > kLastYear) {
    problems.push_back({"year",
                        {fmt::format("年份应在 {} 到 {} 之间", kFirstYear, kLastYear),
                         fmt::format("the year must be from {} to {}", kFirstYear, kLastYear)}});
  }
  count(f.households, "households");
  const bool residents_ok = count(f.residents, "residents");
  if (count(f.urban_residents, "urbanResidents") && residents_ok &&
      f.urban_residents > f.residents) {
    problems.push_back({"urbanResidents",
                        {"城镇常住人口不能多于常住人口", "more urban residents than residents"}});
  }
  const bool places_ok = count(f.childcare_places, "childcarePlaces");
  if (count(f.childcare_affordable, "childcareAffordable") && places_ok &&
      f.childcare_affordable > f.childcare_places) {
    problems.push_back({"childcareAffordable",
                        {"普惠托位不能多于托位总数", "more affordable places than places"}});
  }
  if (!std::isfinite(f.building_area) || f.building_area < 0 || f.building_area > 1e8) {
    problems.push_back(
        {"buildingArea",
         {"应为 0 到 100,000,000 平方米的面积", "must be an area from 0 to 100,000,000 m²"}});
  } else {
    f.building_area = to_centimetres(f.building_area);
  }
  return problems;
}

Json to_json(const UnitFigures& f) {
  return {{"unitCode", f.unit_code},
          {"year", f.year},
          {"households", f.households},
          {"residents", f.residents},
          {"urbanResidents", f.urban_residents},
          {"buildingArea", f.building_area},
          {"childcarePlaces", f.childcare_places},
          {"childcareAffordable", f.childcare_affordable},
          {"updatedAt", f.updated_at},
          {"version", f.version}};
}

}  // namespace shequ::facility
