#include "access/areas.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/geo.hpp"
#include "common/json.hpp"

namespace shequ::access {

Result<std::vector<Area>> parse_areas(std::string_view geojson) {
  auto parsed = parse_json_strict(geojson);
  if (!parsed) return Error::invalid("areas", {"不是有效的 JSON", "is not valid JSON"});
  const Json& root = *parsed;
  if (!root.is_object() || root.value("type", "") != "FeatureCollection" ||
      !root.contains("features") || !root["features"].is_array()) {
    return Error::invalid(
        "areas", {"应为 GeoJSON FeatureCollection", "must be a GeoJSON FeatureCollection"});
  }
  std::vector<Area> areas;
  std::vector<FieldError> problems;
  const Json& features = root["features"];
  for (std::size_t i = 0; i < features.size(); ++i) {
    const Json& feature = features[i];
    Area area;
    const Json* properties =
        feature.is_object() && feature.contains("properties") ? &feature["properties"] : nullptr;
    if (properties == nullptr || !properties->is_object() || !properties->contains("code") ||
        !(*properties)["code"].is_string()) {
      problems.push_back({fmt::format("areas[{}].properties.code", i),
                          {"缺少单位代码", "the unit code is missing"}});
    } else {
      area.code = (*properties)["code"].get<std::string>();
    }
    const Json* geometry =
        feature.is_object() && feature.contains("geometry") ? &feature["geometry"] : nullptr;
    bool shape_ok =
        geometry != nullptr && geometry->is_object() && geometry->contains("coordinates");
    if (shape_ok) {
      const std::string type = geometry->value("type", "");
      const Json& coordinates = (*geometry)["coordinates"];
      if (type == "Polygon") {
        geo::Polygon polygon;
        shape_ok = geo::read_polygon(coordinates, polygon);
        area.polygons.push_back(std::move(polygon));
      } else if (type == "MultiPolygon" && coordinates.is_array()) {
        for (const Json& rings : coordinates) {
          geo::Polygon polygon;
          shape_ok = shape_ok && geo::read_polygon(rings, polygon);
          area.polygons.push_back(std::move(polygon));
        }
      } else {
        shape_ok = false;
      }
    }
    if (!shape_ok) {
      problems.push_back({fmt::format("areas[{}].geometry", i),
                          {"应为 Polygon 或 MultiPolygon", "must be a Polygon or MultiPolygon"}});
    }
    areas.push_back(std::move(area));
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return areas;
}

Result<std::optional<Relocation>> parse_laid_on(std::string_view geojson) {
  auto parsed = parse_json_strict(geojson);
  if (!parsed) return Error::invalid("areas", {"不是有效的 JSON", "is not valid JSON"});
  if (!parsed->is_object() || !parsed->contains("laidOn")) {
    return std::optional<Relocation>();
  }
  const Json& laid = (*parsed)["laidOn"];
  auto point = [&](const char* end) -> std::optional<geo::Point> {
    if (!laid.is_object() || !laid.contains(end)) return std::nullopt;
    const Json& p = laid[end];
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
      return std::nullopt;
    }
    const geo::Point read{p[0].get<double>(), p[1].get<double>()};
    if (std::abs(read[0]) > 180 || std::abs(read[1]) > 85) return std::nullopt;
    return read;
  };
  const auto from = point("from"), to = point("to");
  if (!from || !to) {
    return Error::invalid("areas.laidOn", {"应为 {\"from\": [经度, 纬度], \"to\": [经度, 纬度]}",
                                           "must be {\"from\": [lon, lat], \"to\": [lon, lat]}"});
  }
  if (!geo::in_gansu((*to)[0], (*to)[1])) {
    return Error::invalid("areas.laidOn.to", {"不在甘肃省范围内", "is not in Gansu"});
  }
  return std::optional<Relocation>(Relocation{
      .from_lat = (*from)[1], .from_lon = (*from)[0], .to_lat = (*to)[1], .to_lon = (*to)[0]});
}

bool area_contains(const Area& area, double lon, double lat) {
  return std::ranges::any_of(area.polygons, [&](const geo::Polygon& polygon) {
    return geo::polygon_contains(polygon, lon, lat);
  });
}

std::size_t assign_units(std::vector<Residence>& residences, const std::vector<Area>& areas,
                         const std::string& fallback_code) {
  std::size_t outside = 0;
  for (Residence& residence : residences) {
    const double lon = residence.lon_e7 * 1e-7;
    const double lat = residence.lat_e7 * 1e-7;
    residence.unit_code = fallback_code;
    bool found = false;
    for (const Area& area : areas) {
      if (area_contains(area, lon, lat)) {
        residence.unit_code = area.code;
        found = true;
        break;
      }
    }
    outside += !found;
  }
  return outside;
}

}  // namespace shequ::access
