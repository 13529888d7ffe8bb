// Fresh, empty databases on each backend, for the suites that touch storage (they run on both).
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace shequ::testing {

enum class Backend { sqlite, postgres };

// Every backend, in the order suites are instantiated: {sqlite, postgres}.
std::vector<Backend> all_backends();
// "sqlite" / "postgres", for test names.
std::string backend_name(Backend backend);
// Lets GoogleTest print a Backend by name.
void PrintTo(Backend backend, std::ostream* out);

// A new folder of this process's own (mode 0700) in the temporary folder, for key files, audit
// checkpoints and other files a server keeps. Removed when the test program ends with every test
// passed; left behind for inspection otherwise. Not thread-safe: call from the test's thread.
std::filesystem::path private_temp_folder(const std::string& prefix);

// A fresh, empty database (no tables, not migrated) on one backend, removed again on destruction.
//
// SQLite: a new file in a new temporary folder. PostgreSQL: a new schema t_<random> on the
// server named by SHEQU_TEST_POSTGRES_URL (set by `make test`); url() selects it through libpq's
// `options` parameter (search_path), so unqualified SQL lands in it.
class TestDatabase {
 public:
  // Throws std::runtime_error when the database cannot be made, for example when
  // SHEQU_TEST_POSTGRES_URL is not set: a PostgreSQL test never passes by skipping.
  static std::unique_ptr<TestDatabase> create(Backend backend);

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase();

  Backend backend() const { return backend_; }
  // A URL for open_database() that reaches this database (and only it).
  const std::string& url() const { return url_; }
  storage::Database& db() { return *db_; }

 private:
  explicit TestDatabase(Backend backend) : backend_(backend) {}

  Backend backend_;
  std::string url_;
  std::unique_ptr<storage::Database> db_;
  std::filesystem::path folder_;              // SQLite
  std::unique_ptr<storage::Database> admin_;  // PostgreSQL: creates and drops the schema
  std::string schema_;                        // PostgreSQL
};

}  // namespace shequ::testing
