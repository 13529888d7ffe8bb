// SQLite backend: one file, WAL journal, synchronous=FULL (a commit survives power loss),
// foreign keys enforced, a busy timeout, and a prepared-statement cache per connection.
// Writes go through one connection: concurrent units of work are batched into one transaction
// and one commit (group commit, see Database::write and docs/adr/0021); readers use a pool of
// read-only connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace shequ::storage {

// The bounds of one group commit: a batch takes no further unit of work once it holds
// max_batch_units or has run for max_batch_time since its BEGIN, so that the first caller of a
// batch waits for a bounded amount of others' work. The first unit is always taken.
struct SqliteOptions {
  std::size_t max_batch_units = 64;
  std::chrono::microseconds max_batch_time = std::chrono::milliseconds(2);
  // For tests only, empty otherwise: asked on the writer's thread at every COMMIT; when it
  // answers true SQLite fails that COMMIT and rolls the transaction back, as a full disk or an
  // I/O error would, so that what the callers of a failed batch are told can be checked.
  std::function<bool()> fail_commit;
};

// Opens the database file at `path`, creating it (mode 0600) and its missing folders (0700)
// when absent. `options.max_batch_units` must be at least 1.
Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path,
                                                       const SqliteOptions& options = {});

}  // namespace shequ::storage
