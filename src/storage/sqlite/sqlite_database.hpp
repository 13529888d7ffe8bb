// SQLite backend: one file, WAL journal, synchronous=FULL (a commit survives power loss),
// foreign keys enforced, a busy timeout, and a prepared-statement cache per connection.
// Writers are serialised on one connection; readers use a pool of read-only connections.
#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace shequ::storage {

// Opens the database file at `path`, creating it (mode 0600) and its missing folders (0700)
// when absent.
Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path);

}  // namespace shequ::storage
