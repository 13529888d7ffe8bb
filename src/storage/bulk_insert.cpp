#include "storage/bulk_insert.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace shequ::storage {

namespace {

// Rows per statement on PostgreSQL: well under its limit of 65,535 parameters for any table.
constexpr std::size_t kPostgresRows = 50;

std::string insert_head(std::string_view table, std::span<const std::string_view> columns) {
  return fmt::format("INSERT INTO {} ({}) VALUES ", table, fmt::join(columns, ", "));
}

// "($1, $2), ($3, $4)" for `rows` rows of `columns` values.
std::string placeholders(std::size_t rows, std::size_t columns) {
  std::string out;
  std::size_t n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < columns; ++c) {
      out += c == 0 ? "$" : ", $";
      out += std::to_string(++n);
    }
    out += ")";
  }
  return out;
}

}  // namespace

Result<std::vector<int64_t>> reserve_ids(Session& s, std::string_view table, std::size_t count) {
  std::vector<int64_t> ids;
  if (count == 0) return ids;
  ids.reserve(count);
  if (s.dialect() == Dialect::sqlite) {
    SHEQU_ASSIGN_OR_RETURN(
        auto row, s.query_one(fmt::format("SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence "
                                          "WHERE name = $1), 0), COALESCE((SELECT MAX(id) FROM "
                                          "{}), 0))",
                                          table),
                              std::vector<Value>{std::string(table)}));
    const int64_t highest = row->integer(0);
    for (std::size_t i = 1; i <= count; ++i) ids.push_back(highest + static_cast<int64_t>(i));
    return ids;
  }
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM "
                         "generate_series(1, CAST($2 AS BIGINT))",
                         std::vector<Value>{std::string(table), static_cast<int64_t>(count)}));
  for (const Row& row : rows) ids.push_back(row.integer(0));
  std::sort(ids.begin(), ids.end());
  return ids;
}

Status insert_rows(Session& s, std::string_view table, std::span<const std::string_view> columns,
                   std::span<const std::vector<Value>> rows) {
  if (rows.empty()) return {};
  const std::string head = insert_head(table, columns);
  if (s.dialect() == Dialect::sqlite) {
    const std::string sql = head + placeholders(1, columns.size());
    for (const std::vector<Value>& row : rows) SHEQU_TRY(s.execute(sql, row));
    return {};
  }
  const std::string full = head + placeholders(kPostgresRows, columns.size());
  std::vector<Value> params;
  for (std::size_t from = 0; from < rows.size(); from += kPostgresRows) {
    const std::size_t to = std::min(rows.size(), from + kPostgresRows);
    params.clear();
    for (std::size_t r = from; r < to; ++r) {
      params.insert(params.end(), rows[r].begin(), rows[r].end());
    }
    SHEQU_TRY(s.execute(
        to - from == kPostgresRows ? full : head + placeholders(to - from, columns.size()),
        params));
  }
  return {};
}

}  // namespace shequ::storage
