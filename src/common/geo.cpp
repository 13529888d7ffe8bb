#include "common/geo.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace shequ::geo {

bool in_gansu(double lon, double lat) {
  return std::isfinite(lon) && std::isfinite(lat) && lat >= kMinLat && lat <= kMaxLat &&
         lon >= kMinLon && lon <= kMaxLon;
}

bool read_polygon(const Json& coordinates, Polygon& polygon) {
  if (!coordinates.is_array() || coordinates.empty()) return false;
  for (const Json& ring : coordinates) {
    if (!ring.is_array() || ring.size() < 4) return false;
    Ring points;
    points.reserve(ring.size());
    for (const Json& point : ring) {
      if (!point.is_array() || point.size() < 2 || !point[0].is_number() || !point[1].is_number())
        return false;
      points.push_back({point[0].get<double>(), point[1].get<double>()});
    }
    polygon.push_back(std::move(points));
  }
  return true;
}

Json polygon_coordinates(const Polygon& polygon) {
  Json rings = Json::array();
  for (const Ring& ring : polygon) {
    Json points = Json::array();
    for (const Point& point : ring) points.push_back({point[0], point[1]});
    rings.push_back(std::move(points));
  }
  return rings;
}

bool ring_contains(const Ring& ring, double lon, double lat) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const Point& a = ring[i];
    const Point& b = ring[j];
    if ((a[1] > lat) != (b[1] > lat) && lon < (b[0] - a[0]) * (lat - a[1]) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside;
}

bool polygon_contains(const Polygon& polygon, double lon, double lat) {
  if (polygon.empty() || !ring_contains(polygon.front(), lon, lat)) return false;
  for (std::size_t hole = 1; hole < polygon.size(); ++hole) {
    if (ring_contains(polygon[hole], lon, lat)) return false;
  }
  return true;
}

namespace {

// Twice the signed area (shoelace), in square degrees: zero for a ring that encloses nothing.
double doubled_area(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum;
}

}  // namespace

std::vector<FieldError> polygon_problems(const Polygon& polygon, const std::string& field,
                                         std::size_t max_points) {
  std::vector<FieldError> problems;
  std::size_t points = 0;
  for (std::size_t r = 0; r < polygon.size(); ++r) {
    const Ring& ring = polygon[r];
    const std::string name = fmt::format("{}[{}]", field, r);
    points += ring.size();
    bool outside = false;
    for (const Point& point : ring) outside = outside || !in_gansu(point[0], point[1]);
    if (outside) {
      problems.push_back({name, {"有点不在甘肃省内", "a point lies outside Gansu"}});
      continue;
    }
    if (ring.size() < 4 || ring.front() != ring.back()) {
      problems.push_back(
          {name,
           {"边界应闭合：末点与起点相同", "must be closed: the last point repeats the first"}});
      continue;
    }
    std::vector<Point> corners(ring.begin(), ring.end() - 1);
    std::ranges::sort(corners);
    const auto distinct = std::ranges::unique(corners);
    corners.erase(distinct.begin(), distinct.end());
    // About a square metre: a hand-drawn boundary that encloses less is a slip of the finger.
    if (corners.size() < 3 || std::abs(doubled_area(ring)) < 2e-10) {
      problems.push_back({name, {"边界应围成一块区域", "must enclose an area"}});
    }
  }
  if (points > max_points) {
    problems.push_back({field,
                        {fmt::format("边界最多 {} 个点", max_points),
                         fmt::format("may have at most {} points", max_points)}});
  }
  return problems;
}

}  // namespace shequ::geo
