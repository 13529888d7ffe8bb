// PostgreSQL backend over libpq: a pool of connections, statements prepared once per
// connection, transactions with BEGIN/COMMIT (fsync and synchronous_commit are the server's).
#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace shequ::storage {

// Connects to the server named by the libpq URI `url` ("postgresql://user@host:port/db").
// Fails with ErrorCode::unavailable when the server cannot be reached, and with invalid_argument
// (field "database") when libpq cannot parse the URL.
Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url);

}  // namespace shequ::storage
