// Schema migrations: numbered .sql files in each module's migrations/ folder, embedded in the
// binary at build time (cmake/ShequModule.cmake), declared by their module (kit/module.hpp),
// applied in order and recorded in the schema_migration table. Versions are one sequence across
// all modules.
//
// Migration SQL is portable except for two placeholders, replaced per backend:
//   @AUTO_ID@  an auto-incrementing 64-bit primary key column type
//   @BLOB@     a binary column type
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace shequ::storage {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migration's SQL with the placeholders replaced for `dialect`.
std::string render_migration_sql(const std::string& sql, Dialect dialect);

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this call, in order
  int current_version = 0;   // highest version recorded after the call
};

// Applies every migration not yet recorded, each in its own transaction. Fails without applying
// anything when the database records a version this binary does not know (a newer schema).
Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations);

// Versions known to this binary and not yet applied.
Result<std::vector<int>> pending_migrations(Database& db, const std::vector<Migration>& migrations);

}  // namespace shequ::storage
