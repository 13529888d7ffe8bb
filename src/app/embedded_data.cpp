// The shipped division list, compiled into the binary so that `shequ init` needs no data files.
#include "app/app.hpp"

#define SHEQU_STRINGIFY_INNER(x) #x
#define SHEQU_STRINGIFY(x) SHEQU_STRINGIFY_INNER(x)

__asm__(".section .rodata\n"
        ".global shequ_divisions_csv_begin\n"
        "shequ_divisions_csv_begin:\n"
        ".incbin \"" SHEQU_STRINGIFY(SHEQU_DIVISIONS_CSV) "\"\n"
        ".global shequ_divisions_csv_end\n"
        "shequ_divisions_csv_end:\n"
        ".previous\n");

extern "C" const char shequ_divisions_csv_begin[];
extern "C" const char shequ_divisions_csv_end[];

namespace shequ::app {

std::string_view shipped_divisions_csv() {
  return {shequ_divisions_csv_begin,
          static_cast<std::size_t>(shequ_divisions_csv_end - shequ_divisions_csv_begin)};
}

}  // namespace shequ::app
