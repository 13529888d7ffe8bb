// The shipped division list, compiled into the binary so that `shequ init` needs no data files.
#include "app/app.hpp"
#include "common/embed.hpp"

SHEQU_EMBED_FILE(shequ_divisions_csv, SHEQU_DIVISIONS_CSV);

namespace shequ::app {

std::string_view shipped_divisions_csv() {
  return embedded(shequ_divisions_csv_begin, shequ_divisions_csv_end);
}

}  // namespace shequ::app
