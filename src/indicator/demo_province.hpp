// A plausible synthetic Gansu for `shequ init --demo`, on the real divisions and the real 2020
// county census figures (data/gansu_census2020_county.csv): base figures for every village and
// community from 2020 to 2025, facilities with their opening dates, and the community workers
// entered for indicator 7, placed so that the province's 2020 values are the plan's 2020 column
// (rural coverage 50 %, urban coverage 100 %, 26 m² per 100 households, 15 workers per 10,000
// urban residents), and so that by 2025 some counties meet the targets while others lag.
//
// Deterministic: the same divisions and seed give the same rows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "audit/audit_log.hpp"
#include "common/clock.hpp"
#include "org/org_tree.hpp"
#include "storage/database.hpp"

namespace shequ::indicator {

struct DemoProvinceReport {
  int64_t units_with_figures = 0;
  int64_t facilities = 0;
  int64_t entered_values = 0;
};

// The shipped census file (compiled into the binary).
std::string_view shipped_census_csv();

// Writes the demo province in one transaction, audited once. Does nothing (an empty report) when
// the database already holds facilities. Counties missing from the census are filled from the
// province's averages.
Result<DemoProvinceReport> build_demo_province(storage::Database& db, const org::OrgTree& tree,
                                               const audit::Log& audit, const Clock& clock,
                                               std::string_view census_csv, uint64_t seed);

}  // namespace shequ::indicator
