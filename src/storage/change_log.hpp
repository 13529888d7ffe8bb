// Change logs: append-only tables with an `id` column (org_change, facility_change, ...) that
// every server follows to take up what the others wrote.
//
// Thread-safe: a pure function over the caller's session.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace shequ::storage {

// Where a log stands above some id: how many entries it holds there, and the last id (0 when
// none). Two readers that see the same mark read the same entries; the count catches an entry
// committed late under an id already passed.
struct ChangeMark {
  int64_t count = 0;
  int64_t last_id = 0;
  bool operator==(const ChangeMark&) const = default;
};

// The mark of `table` above `after`, counted on its primary key. `table` is a log's name from
// the program, never from input.
Result<ChangeMark> change_mark(Session& s, std::string_view table, int64_t after);

}  // namespace shequ::storage
