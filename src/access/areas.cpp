#include "access/areas.hpp"

#include <algorithm>

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
