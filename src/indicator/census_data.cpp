// The shipped county census of 2020, compiled into the binary so that `shequ init --demo` needs
// no data files.
#include "common/embed.hpp"
#include "indicator/demo_province.hpp"

SHEQU_EMBED_FILE(shequ_census_csv, SHEQU_CENSUS_CSV);

namespace shequ::indicator {

std::string_view shipped_census_csv() {
  return embedded(shequ_census_csv_begin, shequ_census_csv_end);
}

}  // namespace shequ::indicator
