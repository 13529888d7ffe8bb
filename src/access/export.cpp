#include "access/export.hpp"

#include <fmt/format.h>

#include "common/json.hpp"

namespace shequ::access {

namespace {

// RFC 4180: quote a field holding a comma, quote or line break; double inner quotes.
std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string share(uint32_t part, uint32_t whole) {
  return whole == 0 ? std::string() : fmt::format("{:.1f}", 100.0 * part / whole);
}

void csv_row(std::string& out, const CoverageRow& row) {
  out += fmt::format("{},{},{},{},{}", row.unit.code, csv_field(row.unit.name), row.residences,
                     row.reached_all_basic, share(row.reached_all_basic, row.residences));
  for (uint32_t reached : row.reached) {
    out += fmt::format(",{},{}", reached, share(reached, row.residences));
  }
  out += fmt::format(",{},{},{},{}", row.households, row.people, row.people_reached_all_basic,
                     share(row.people_reached_all_basic, row.people));
  out += "\r\n";
}

Json point(int32_t lat_e7, int32_t lon_e7) {
  return {{"type", "Point"}, {"coordinates", {lon_e7 / 1e7, lat_e7 / 1e7}}};
}

}  // namespace

std::string coverage_csv(const CoverageReport& report, Locale locale) {
  const bool en = locale == Locale::en;
  // The byte-order mark lets spreadsheet programs read the file as UTF-8.
  std::string out = "\xEF\xBB\xBF";
  out += en ? "code,name,residences,all_basic_reached,all_basic_share_pct"
            : "代码,名称,住宅数,可达全部基本保障类,全部基本保障类覆盖率(%)";
  for (const ServiceType& type : service_types()) {
    out += fmt::format(fmt::runtime(en ? ",{0}_reached,{0}_share_pct" : ",{0}可达,{0}覆盖率(%)"),
                       csv_field(en ? std::string(type.key) : type.name.zh));
  }
  out += en ? ",households,people,people_all_basic_reached,people_all_basic_share_pct"
            : ",其中住户数,住户人口,可达全部基本保障类人口,人口覆盖率(%)";
  out += "\r\n";
  csv_row(out, report.total);
  for (const CoverageRow& row : report.rows) csv_row(out, row);
  return out;
}

void write_geojson(const ResidenceExport& data, std::ostream& out) {
  out << R"({"type":"FeatureCollection","features":[)";
  bool first = true;
  auto feature = [&](const Json& value) {
    out << (first ? "\n" : ",\n") << value.dump();
    first = false;
  };
  const auto types = service_types();
  const auto basic = basic_service_types();
  for (std::size_t r = 0; r < data.residences.size(); ++r) {
    const Residence& home = data.residences[r];
    Json distances = Json::object();
    uint32_t basic_reached = 0;
    for (std::size_t t = 0; t < types.size(); ++t) {
      const uint32_t d = data.distance_mm[r][t];
      distances[std::string(types[t].key)] =
          d == kUnreached ? Json(nullptr) : Json(std::round(d / 100.0) / 10.0);
    }
    for (ServiceTypeId t : basic) basic_reached += data.distance_mm[r][t] != kUnreached;
    // A household is a point and a count: nothing that leads back to it.
    const bool household = home.osm_type == OsmType::household;
    feature({{"type", "Feature"},
             {"geometry", point(home.lat_e7, home.lon_e7)},
             {"properties",
              {{"kind", household ? "household" : "residence"},
               {"osm", household
                           ? Json(nullptr)
                           : Json(fmt::format("{}/{}", osm_type_name(home.osm_type), home.osm_id))},
               {"people", home.people},
               {"unitCode", home.unit_code},
               {"tierMinutes", data.tier_minutes},
               {"basicReached", basic_reached},
               {"distanceMetres", distances}}}});
  }
  for (const Facility& f : data.facilities) {
    feature({{"type", "Feature"},
             {"geometry", point(f.lat_e7, f.lon_e7)},
             {"properties",
              {{"kind", "facility"},
               {"osm", fmt::format("{}/{}", osm_type_name(f.osm_type), f.osm_id)},
               {"type", std::string(types[f.type].key)},
               {"name", f.name},
               {"onNetwork", f.node != kNotSnapped}}}});
  }
  out << "\n]}\n";
}

}  // namespace shequ::access
