#include "indicator/demo_province.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "common/strings.hpp"
#include "facility/catalogue.hpp"
#include "facility/facility.hpp"
#include "facility/facility_repository.hpp"
#include "indicator/facts.hpp"
#include "indicator/indicator_repository.hpp"

namespace shequ::indicator {

namespace {

using facility::FacilityFields;
using facility::FacilityRepository;
using facility::UnitFigures;

constexpr int kFirstDemoYear = 2020;
constexpr int kYears = 6;  // 2020 to 2025
// The plan's 2020 column that the demo reproduces.
constexpr double kRuralCoverage2020 = 0.5;
constexpr double kAreaPerHousehold2020 = 0.26;      // m² per household: 26 per 100
constexpr double kWorkersPerResident2020 = 0.0015;  // 15 per 10,000 urban residents

// SplitMix64: the same numbers for a seed on every machine and compiler.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double between(double low, double high) { return low + (high - low) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  int year(int first, int last) { return first + static_cast<int>(next() % (last - first + 1)); }

 private:
  uint64_t state_;
};

struct CensusCounty {
  double population = 0;
  double urban = 0;
  double household_size = 3;
};

// The census by 6-digit code: counties, and cities (嘉峪关 has no county row).
std::map<std::string, CensusCounty> read_census(std::string_view csv) {
  std::map<std::string, CensusCounty> out;
  std::size_t from = csv.find('\n') + 1;  // past the header
  while (from < csv.size()) {
    std::size_t end = csv.find('\n', from);
    if (end == std::string_view::npos) end = csv.size();
    std::vector<std::string_view> cells;
    std::string_view line = csv.substr(from, end - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (std::size_t at = 0;;) {
      const std::size_t comma = line.find(',', at);
      cells.push_back(line.substr(at, comma == std::string_view::npos ? comma : comma - at));
      if (comma == std::string_view::npos) break;
      at = comma + 1;
    }
    from = end + 1;
    // level, code, province, city, name, pop_total, ..., pop_urban (10), ..., avg_household_size
    // (15)
    if (cells.size() < 16 || cells[0] == "province") continue;
    CensusCounty county;
    county.population = static_cast<double>(parse_decimal(cells[5]).value_or(0));
    county.urban = static_cast<double>(parse_decimal(cells[10]).value_or(0));
    county.household_size = std::strtod(std::string(cells[15]).c_str(), nullptr);
    if (county.household_size < 1) county.household_size = 3;
    out.emplace(std::string(cells[1]), county);
  }
  return out;
}

struct DemoUnit {
  org::Unit unit;
  std::string township;  // its parent
  bool urban = false;
  bool village = false;    // counted as a village (村委会)
  bool community = false;  // counted as a community (居委会)
  std::array<int64_t, kYears> residents{}, urban_residents{}, households{};
  double building_area = 0;
  int64_t childcare_places = 0;                   // in communities that have some
  double affordable_from = 0, affordable_to = 0;  // their affordable share in 2020 and 2025
};

struct County {
  std::string code;
  double strength = 0;  // 0: lags, 1: leads
  double growth = 0;    // residents a year
  std::vector<std::size_t> units;
};

struct PlannedFacility {
  FacilityFields fields;
  double weight = 0;  // comprehensive facilities: what their floor area is made from
  bool by_2020 = false;
};

std::string date_in(Random& random, int year) {
  return fmt::format("{:04}-{:02}-{:02}", year, 1 + random.next() % 12, 1 + random.next() % 28);
}

facility::WeekHours hours_of(Random& random) {
  facility::WeekHours week;
  const double pick = random.uniform();
  for (std::size_t d = 0; d < week.size(); ++d) {
    if (pick < 0.45) {
      week[d] = {{480, 1080}};  // 08:00-18:00 every day
    } else if (pick < 0.7) {
      week[d] = {{510, 1020}};  // 08:30-17:00 every day
    } else if (d < 5) {
      week[d] = {{510, 720}, {840, 1080}};  // office hours on weekdays
    } else if (d == 5) {
      week[d] = {{540, 720}};
    }
  }
  return week;
}

FacilityFields new_facility(const std::string& unit, std::string type, std::string name,
                            double floor, Random& random) {
  FacilityFields f;
  f.unit_code = unit;
  f.type = std::move(type);
  f.name = std::move(name);
  f.floor_area = std::round(floor * 100) / 100;
  f.hours = hours_of(random);
  f.status = "open";
  return f;
}

void set_areas(FacilityFields& f, Random& random) {
  f.floor_area = std::round(f.floor_area * 100) / 100;
  f.activity_area = std::round(f.floor_area * random.between(0.56, 0.74) * 100) / 100;
  f.office_area = std::round(f.floor_area * random.between(0.10, 0.18) * 100) / 100;
  f.service_area = std::round(std::min(f.floor_area - f.activity_area - f.office_area,
                                       f.floor_area * random.between(0.05, 0.12)) *
                              100) /
                   100;
}

}  // namespace

Result<DemoProvinceReport> build_demo_province(storage::Database& db, const org::OrgTree& tree,
                                               const audit::Log& audit, const Clock& clock,
                                               std::string_view census_csv, uint64_t seed) {
  const auto census = read_census(census_csv);
  Random random(seed);
  DemoProvinceReport report;

  // Villages and communities, by county.
  std::vector<DemoUnit> units;
  std::map<std::string, County> counties;
  std::vector<org::UnitView> townships;
  for (const org::UnitView& root : tree.roots()) {
    const auto all = tree.search(root.unit.code, "", {1, 10'000'000});
    if (!all) continue;
    for (const org::UnitView& view : all->items) {
      if (view.unit.level == org::Level::township && is_township(view.unit.type)) {
        townships.push_back(view);
      }
      if (view.unit.level != org::Level::village || view.path.size() < 3) continue;
      DemoUnit u;
      u.unit = view.unit;
      u.township = view.unit.parent_code;
      u.village = is_village(view.unit.type);
      u.community = is_community(view.unit.type);
      u.urban = u.community || view.unit.type == org::UnitType::residents_committee_like ||
                view.unit.urban_rural_code.starts_with('1');
      County& county = counties[view.path[1].code];
      county.code = view.path[1].code;
      county.units.push_back(units.size());
      units.push_back(std::move(u));
    }
  }
  if (units.empty()) return report;

  // People: each county's census spread over its units, urban residents over its urban units.
  double people = 0, urban_people = 0;
  for (const auto& [code, c] : census) {
    if (code.ends_with("00") && census.count(code.substr(0, 4) + "01")) continue;
    people += c.population;
    urban_people += c.urban;
  }
  CensusCounty average{people / static_cast<double>(units.size()),
                       urban_people / static_cast<double>(units.size()), 2.77};
  for (auto& [code, county] : counties) {
    county.strength = random.uniform();
    county.growth = random.between(-0.012, 0.008);
    const std::string six = code.substr(0, 6);
    auto found = census.find(six);
    if (found == census.end()) found = census.find(six.substr(0, 4) + "00");  // 嘉峪关
    CensusCounty c = found != census.end() ? found->second : CensusCounty{};
    if (found == census.end()) {
      c = {average.population * static_cast<double>(county.units.size()),
           average.urban * static_cast<double>(county.units.size()), average.household_size};
    }
    double urban_weight = 0, rural_weight = 0;
    std::vector<double> weight(county.units.size());
    for (std::size_t i = 0; i < county.units.size(); ++i) {
      const DemoUnit& u = units[county.units[i]];
      weight[i] = random.between(0.5, 1.5) * (u.community ? 2.5 : 1.0);
      (u.urban ? urban_weight : rural_weight) += weight[i];
    }
    const double rural_people = c.population - c.urban;
    for (std::size_t i = 0; i < county.units.size(); ++i) {
      DemoUnit& u = units[county.units[i]];
      double urban = 0, rural = 0;
      if (urban_weight == 0) {
        urban = c.urban * weight[i] / rural_weight;
      } else if (u.urban) {
        urban = c.urban * weight[i] / urban_weight;
      }
      if (rural_weight == 0) {
        rural = rural_people * weight[i] / urban_weight;
      } else if (!u.urban) {
        rural = rural_people * weight[i] / rural_weight;
      }
      for (int y = 0; y < kYears; ++y) {
        const double urban_y = urban * std::pow(1.015, y);
        const double rural_y = rural * std::pow(1 + county.growth - 0.005, y);
        u.urban_residents[y] = std::llround(urban_y);
        u.residents[y] = std::llround(urban_y + rural_y);
        u.households[y] = std::llround((urban_y + rural_y) / c.household_size);
      }
      u.building_area =
          std::round(static_cast<double>(u.residents[0]) * random.between(28, 40) * 100) / 100;
      if (u.community && random.chance(0.6)) {
        u.childcare_places = std::llround(random.between(40, 150));
        u.affordable_from = random.between(0.2, 0.45);
        u.affordable_to = u.affordable_from + random.between(0.1, 0.45) * county.strength;
      }
    }
  }

  const auto strength_of = [&](const std::string& township) {
    const auto found = tree.find(township);
    return found && found->path.size() >= 2 ? counties[found->path[1].code].strength : 0.5;
  };

  // Comprehensive facilities: every community by 2020; half the villages by 2020, more in the
  // counties that lead; then each county towards its own 2025 level.
  std::vector<PlannedFacility> planned;
  std::vector<std::pair<double, std::size_t>> village_keys;
  for (const auto& [code, county] : counties) {
    for (std::size_t i : county.units) {
      if (units[i].village) village_keys.emplace_back(random.uniform() + 0.6 * county.strength, i);
    }
  }
  std::sort(village_keys.begin(), village_keys.end(), std::greater<>());
  const auto villages_by_2020 =
      static_cast<std::size_t>(std::llround(kRuralCoverage2020 * village_keys.size()));
  std::vector<bool> has_facility(units.size(), false);
  const auto comprehensive = [&](std::size_t i, int year, bool by_2020) {
    const DemoUnit& u = units[i];
    PlannedFacility p;
    p.fields = new_facility(u.unit.code, std::string(facility::kComprehensive),
                            u.unit.name + "党群服务中心", 0, random);
    p.fields.opened_on = date_in(random, year);
    p.weight = std::pow(static_cast<double>(std::max<int64_t>(u.households[0], 20)), 0.85) *
               random.between(0.7, 1.3) * (by_2020 ? 1.0 : random.between(1.3, 1.7));
    p.by_2020 = by_2020;
    const double s = strength_of(u.township);
    const auto offer = [&](const char* service, double p_) {
      if (random.chance(p_)) p.fields.services.emplace_back(service);
    };
    offer("volunteer_station", (u.community ? 0.55 : 0.4) + 0.35 * s);
    offer("gov_proxy", 0.6 + 0.4 * s);
    offer("legal_house", u.community ? 0.35 + 0.35 * s : 0.12 + 0.25 * s);
    offer("culture_sport", 0.55);
    if (u.community) {
      offer("meal_aid", 0.35 + 0.5 * s);
      offer("home_care", 0.3 + 0.55 * s);
      offer("gov_self_service", 0.4 + 0.6 * s);
      offer("employment", 0.5);
    }
    has_facility[i] = true;
    planned.push_back(std::move(p));
  };
  for (std::size_t k = 0; k < villages_by_2020; ++k) {
    comprehensive(village_keys[k].second, random.year(2008, 2019), true);
  }
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].community) comprehensive(i, random.year(2008, 2019), true);
  }
  for (const auto& [code, county] : counties) {
    std::size_t villages = 0, served = 0;
    for (std::size_t i : county.units) {
      villages += units[i].village;
      served += units[i].village && has_facility[i];
    }
    const double target = 0.55 + 0.42 * county.strength;
    auto wanted = static_cast<std::size_t>(std::llround(target * static_cast<double>(villages)));
    int next_year = 0;
    for (std::size_t i : county.units) {
      if (served >= wanted) break;
      if (!units[i].village || has_facility[i]) continue;
      comprehensive(i, 2021 + (next_year++ % 5), false);
      ++served;
    }
  }
  // Floor areas: the 2020 ones add up to 26 m² per 100 households exactly; later ones larger.
  int64_t households_2020 = 0;
  for (const DemoUnit& u : units) households_2020 += u.households[0];
  double weight_2020 = 0;
  for (const PlannedFacility& p : planned) weight_2020 += p.by_2020 ? p.weight : 0;
  const double target_area = kAreaPerHousehold2020 * static_cast<double>(households_2020);
  // A division list without villages or communities before 2020 has nothing to scale.
  const double scale = weight_2020 > 0 ? target_area / weight_2020 : 1;
  double area_2020 = 0;
  PlannedFacility* largest = nullptr;
  for (PlannedFacility& p : planned) {
    p.fields.floor_area = std::round(std::clamp(p.weight * scale, 40.0, 5000.0) * 100) / 100;
    if (p.by_2020) {
      area_2020 += p.fields.floor_area;
      if (!largest || p.fields.floor_area > largest->fields.floor_area) largest = &p;
    }
  }
  if (largest != nullptr) {
    largest->fields.floor_area =
        std::round((largest->fields.floor_area + target_area - area_2020) * 100) / 100;
  }
  for (PlannedFacility& p : planned) set_areas(p.fields, random);

  // Special facilities: clinics in villages, childcare and elderly-care in communities, and
  // the townships' institutions, before 2020 or opening towards 2025 as the county leads.
  const auto special = [&](const std::string& unit, const char* type, std::string name,
                           double floor, double before_2020, double by_2025,
                           std::optional<double> land = std::nullopt) {
    const double pick = random.uniform();
    if (pick >= by_2025) return;
    PlannedFacility p;
    p.fields = new_facility(unit, type, std::move(name), floor, random);
    p.fields.opened_on =
        date_in(random, pick < before_2020 ? random.year(2012, 2020) : random.year(2021, 2025));
    p.fields.activity_area = 0;
    p.fields.service_area = std::round(floor * random.between(0.3, 0.6) * 100) / 100;
    if (land) p.fields.land_area = std::round(*land * 100) / 100;
    planned.push_back(std::move(p));
  };
  for (const DemoUnit& u : units) {
    const double s = strength_of(u.township);
    if (u.village) {
      special(u.unit.code, "clinic", u.unit.name + "卫生室", random.between(60, 150), 0.85,
              0.85 + 0.15 * s);
    }
    if (u.community) {
      special(u.unit.code, "childcare", u.unit.name + "托育点", random.between(150, 500),
              0.15 + 0.1 * s, 0.35 + 0.4 * s);
      special(u.unit.code, "elderly_care_centre", u.unit.name + "养老服务站",
              random.between(150, 600), 0.2 + 0.1 * s, 0.3 + 0.4 * s, random.between(200, 1200));
    }
  }
  for (const org::UnitView& t : townships) {
    const double s = strength_of(t.unit.code);
    special(t.unit.code, "social_work_station", t.unit.name + "社会工作服务站",
            random.between(80, 300), 0.25 + 0.2 * s, 0.7 + 0.3 * s);
    special(t.unit.code, "elderly_institution", t.unit.name + "综合养老服务中心",
            random.between(400, 3000), 0.1 + 0.15 * s, 0.3 + 0.4 * s, random.between(1000, 6000));
    special(t.unit.code, "minors_protection_station", t.unit.name + "未成年人保护工作站",
            random.between(40, 150), 0.05 + 0.1 * s, 0.25 + 0.45 * s);
  }

  // Community workers (indicator 7): 15 per 10,000 urban residents in 2020, shared out exactly
  // (largest remainders); then each county towards its own level.
  std::vector<std::array<int64_t, kYears>> workers(units.size());
  {
    int64_t urban_2020 = 0;
    for (const DemoUnit& u : units) urban_2020 += u.urban_residents[0];
    const auto total = std::llround(kWorkersPerResident2020 * static_cast<double>(urban_2020));
    std::vector<std::pair<double, std::size_t>> remainders;
    int64_t given = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
      const double share =
          kWorkersPerResident2020 * static_cast<double>(units[i].urban_residents[0]);
      workers[i][0] = static_cast<int64_t>(std::floor(share));
      given += workers[i][0];
      remainders.emplace_back(share - std::floor(share), i);
    }
    std::sort(remainders.begin(), remainders.end(), std::greater<>());
    for (int64_t k = 0; k < total - given; ++k) ++workers[remainders[k].second][0];
  }
  for (auto& [code, county] : counties) {
    const double gain = 0.5 + 3.5 * county.strength;  // workers per 10,000 by 2025
    for (std::size_t i : county.units) {
      for (int y = 1; y < kYears; ++y) {
        const double rate = (15 + gain * y / 5.0) / 10'000;
        workers[i][y] = std::llround(rate * static_cast<double>(units[i].urban_residents[y]));
      }
    }
  }

  const std::string now = format_timestamp(clock.now());
  const facility::FacilityChange by_demo{0, now, std::nullopt, "demo", nullptr, nullptr};
  SHEQU_TRY(db.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(auto existing, FacilityRepository::facility_change_mark(s, 0));
    if (existing.count > 0) return {};
    for (PlannedFacility& p : planned) {
      if (auto problems = facility::check_fields(p.fields); !problems.empty()) {
        return Error::internal(fmt::format("demo facility {} of {}: {} {}", p.fields.name,
                                           p.fields.unit_code, problems[0].field,
                                           problems[0].reason.en));
      }
      SHEQU_ASSIGN_OR_RETURN(const int64_t id, FacilityRepository::insert(s, p.fields, now));
      facility::FacilityChange change = by_demo;
      change.after = facility::to_json(facility::Facility{id, p.fields, now, now, 1});
      SHEQU_TRY(FacilityRepository::add_change(s, id, change));
      ++report.facilities;
    }
    for (std::size_t i = 0; i < units.size(); ++i) {
      const DemoUnit& u = units[i];
      for (int y = 0; y < kYears; ++y) {
        UnitFigures f{
            u.unit.code,
            kFirstDemoYear + y,
            u.households[y],
            u.residents[y],
            u.urban_residents[y],
            std::round(u.building_area * std::pow(1.01, y) * 100) / 100,
            u.childcare_places,
            std::llround(static_cast<double>(u.childcare_places) *
                         std::min(1.0, u.affordable_from + (u.affordable_to - u.affordable_from) *
                                                               y / (kYears - 1))),
            now,
            1};
        if (auto problems = facility::check_figures(f); !problems.empty()) {
          return Error::internal(fmt::format("demo figures of {}: {} {}", u.unit.code,
                                             problems[0].field, problems[0].reason.en));
        }
        SHEQU_TRY(FacilityRepository::put_figures(s, f, 0));
        facility::FacilityChange change = by_demo;
        change.after = facility::to_json(f);
        SHEQU_TRY(FacilityRepository::add_figure_change(s, f, change));
        if (u.urban_residents[y] > 0) {
          EnteredValue v;
          v.key = {"7", u.unit.code, std::to_string(kFirstDemoYear + y)};
          v.numerator = workers[i][y];
          v.state = std::string(kApproved);
          v.entered_at = now;
          v.entered_by = "demo";
          v.approved_at = now;
          v.approved_by = "demo";
          v.version = 1;
          SHEQU_TRY(IndicatorRepository::insert(s, v));
          SHEQU_TRY(IndicatorRepository::add_change(
              s, v.key, {0, "enter", now, std::nullopt, "demo", nullptr, to_json(v)}));
          ++report.entered_values;
        }
      }
      ++report.units_with_figures;
    }
    return audit.append(s, audit::operator_who(),
                        {"facility.import", "facility", fmt::format("demo seed {}", seed),
                         "success", fmt::format("{} facilities", report.facilities), ""});
  }));
  return report;
}

}  // namespace shequ::indicator
