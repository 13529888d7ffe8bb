#include "access/areas.hpp"

#include <fmt/format.h>

#include "common/json.hpp"

namespace shequ::access {

namespace {

using Ring = std::vector<std::array<double, 2>>;
using Polygon = std::vector<Ring>;

bool read_polygon(const Json& rings, Polygon& polygon) {
  if (!rings.is_array() || rings.empty()) return false;
  for (const Json& ring : rings) {
    if (!ring.is_array() || ring.size() < 4) return false;
    Ring points;
    for (const Json& point : ring) {
      if (!point.is_array() || point.size() < 2 || !point[0].is_number() || !point[1].is_number())
        return false;
      points.push_back({point[0].get<double>(), point[1].get<double>()});
    }
    polygon.push_back(std::move(points));
  }
  return true;
}

// Even–odd rule over one ring.
bool ring_contains(const Ring& ring, double x, double y) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const auto& a = ring[i];
    const auto& b = ring[j];
    if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside;
}

}  // namespace

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
        Polygon polygon;
        shape_ok = read_polygon(coordinates, polygon);
        area.polygons.push_back(std::move(polygon));
      } else if (type == "MultiPolygon" && coordinates.is_array()) {
        for (const Json& rings : coordinates) {
          Polygon polygon;
          shape_ok = shape_ok && read_polygon(rings, polygon);
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
  for (const Polygon& polygon : area.polygons) {
    if (!ring_contains(polygon.front(), lon, lat)) continue;
    bool in_hole = false;
    for (std::size_t h = 1; h < polygon.size() && !in_hole; ++h) {
      in_hole = ring_contains(polygon[h], lon, lat);
    }
    if (!in_hole) return true;
  }
  return false;
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
