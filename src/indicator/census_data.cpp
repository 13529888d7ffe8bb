// The shipped county census of 2020, compiled into the binary so that `shequ init --demo` needs
// no data files.
#include "indicator/demo_province.hpp"

#define SHEQU_STRINGIFY_INNER(x) #x
#define SHEQU_STRINGIFY(x) SHEQU_STRINGIFY_INNER(x)

__asm__(".section .rodata\n"
        ".global shequ_census_csv_begin\n"
        "shequ_census_csv_begin:\n"
        ".incbin \"" SHEQU_STRINGIFY(SHEQU_CENSUS_CSV) "\"\n"
        ".global shequ_census_csv_end\n"
        "shequ_census_csv_end:\n"
        ".previous\n");

extern "C" const char shequ_census_csv_begin[];
extern "C" const char shequ_census_csv_end[];

namespace shequ::indicator {

std::string_view shipped_census_csv() {
  return {shequ_census_csv_begin,
          static_cast<std::size_t>(shequ_census_csv_end - shequ_census_csv_begin)};
}

}  // namespace shequ::indicator
