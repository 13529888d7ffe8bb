// Inserting many rows into one table inside a unit of work, the way each backend takes them
// fastest. For imports and deliveries of thousands of rows; a single row needs none of this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace shequ::storage {

// Ids, in ascending order, for `count` rows that the caller's unit of work is about to insert
// into `table`, whose `id` column is @AUTO_ID@ (storage/migrations.hpp); the rows then carry
// them explicitly. No other writer is given them:
// - SQLite: the ids after the highest the table has ever given (its AUTOINCREMENT counter or
//   its rows), consecutive; the unit of work holds the database's only writer.
// - PostgreSQL: drawn from the column's identity sequence, as concurrent inserts draw theirs;
//   ascending but not necessarily consecutive.
// Ids reserved and not used are skipped on PostgreSQL, as after a rolled-back insert, and may be
// given again on SQLite, where nothing records them.
// Precondition: `table` is a name from the code, never from input (it is spliced into the SQL).
Result<std::vector<int64_t>> reserve_ids(Session& s, std::string_view table, std::size_t count);

// Inserts `rows` into `table`, each row's values in the order of `columns`, in the caller's
// unit of work, in the order given.
// - SQLite: one row a statement, one prepared statement for all. A statement that inserts
//   several rows, or returns any (RETURNING), makes SQLite copy every existing page it changes
//   into a statement journal (a temporary file), in case it fails halfway: 50 rows a statement
//   took 1.7 times as long and wrote 3 times the bytes (docs/performance.md).
// - PostgreSQL: 50 rows a statement, one round trip each.
// Preconditions: every row holds columns.size() values; `table` and `columns` are names from
// the code.
Status insert_rows(Session& s, std::string_view table, std::span<const std::string_view> columns,
                   std::span<const std::vector<Value>> rows);

}  // namespace shequ::storage
