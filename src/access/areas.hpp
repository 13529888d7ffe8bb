// Which village or community each residence belongs to, from the boundaries of those units:
// a GeoJSON FeatureCollection of Polygon or MultiPolygon features, each with a "code" property
// naming the unit (WGS 84 longitude/latitude, as OpenStreetMap).
//
// Thread-safe: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/network.hpp"
#include "common/geo.hpp"
#include "common/result.hpp"

namespace shequ::access {

struct Area {
  std::string code;
  std::vector<geo::Polygon> polygons;
};

// Errors (field "areas", or "areas[i].…" for feature i): not JSON, not a FeatureCollection, a
// feature without a code or without a (Multi)Polygon geometry. Every problem at once.
Result<std::vector<Area>> parse_areas(std::string_view geojson);

// The foreign member "laidOn" of a demonstration's areas, {"from": [lon, lat], "to": [lon, lat]}:
// where the extract they divide is laid (see Relocation); nothing when the file has none.
// Errors (field "areas.laidOn"): not two [lon, lat] points, or "to" outside Gansu.
Result<std::optional<Relocation>> parse_laid_on(std::string_view geojson);

bool area_contains(const Area& area, double lon, double lat);

// Gives each residence the code of the first area containing it, else `fallback_code` (which
// may be empty: unassigned). Returns how many residences fell outside every area.
std::size_t assign_units(std::vector<Residence>& residences, const std::vector<Area>& areas,
                         const std::string& fallback_code);

}  // namespace shequ::access
