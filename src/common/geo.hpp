// Plane geometry on WGS 84 longitude/latitude, as GeoJSON and OpenStreetMap give it: polygons
// with holes, which point lies inside, and the box of Gansu the platform takes places in.
//
// Thread-safe: values and pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"
#include "common/result.hpp"

namespace shequ::geo {

using Point = std::array<double, 2>;  // [longitude, latitude], GeoJSON's order
using Ring = std::vector<Point>;      // closed: the last point repeats the first
using Polygon = std::vector<Ring>;    // the outer boundary first, then its holes

// Gansu and a little around it: places outside are refused wherever the platform takes one.
inline constexpr double kMinLat = 32.0, kMaxLat = 43.0, kMinLon = 92.0, kMaxLon = 109.0;
bool in_gansu(double lon, double lat);

// GeoJSON "coordinates" of a Polygon into `polygon`; false when the shape is not an array of
// arrays of at least four [number, number] points (nothing else is checked).
bool read_polygon(const Json& coordinates, Polygon& polygon);
Json polygon_coordinates(const Polygon& polygon);

// True when (lon, lat) lies inside the outer ring and in none of the holes (even–odd rule).
bool polygon_contains(const Polygon& polygon, double lon, double lat);
bool ring_contains(const Ring& ring, double lon, double lat);

// What makes a polygon unusable as a boundary drawn by hand, each problem named under `field`
// ("boundary.coordinates[0]"): a ring that is not closed, has fewer than three distinct corners,
// encloses no area, or has a point outside Gansu; more than `max_points` points in all. Empty
// when it can be used.
std::vector<FieldError> polygon_problems(const Polygon& polygon, const std::string& field,
                                         std::size_t max_points);

}  // namespace shequ::geo
