// Coverage results as files people open elsewhere: CSV (one row per unit, for spreadsheets) and
// GeoJSON (homes and facilities with their distances, for GIS tools).
//
// Thread-safe: pure functions.
#pragma once

#include <ostream>
#include <string>

#include "access/circle_service.hpp"

namespace shequ::access {

// UTF-8 beginning with the one byte-order mark (callers send or write the text as it is). Header,
// the unit's total, then one line per row: code, name, residences, all-basic count and share, then
// reached count and share per service type, then the located households among the homes, the
// people in them, those reaching every basic type and their share. Shares are percentages with
// one decimal.
std::string coverage_csv(const CoverageReport& report, Locale locale);

// A FeatureCollection: every home with its unit, the number of basic types in reach and the
// walking distance in metres to the nearest facility of each type (null beyond the tier), and
// every facility with its type and name. A located household is kind "household" with its
// people and no OpenStreetMap reference.
void write_geojson(const ResidenceExport& data, std::ostream& out);

}  // namespace shequ::access
