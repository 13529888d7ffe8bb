#include "storage/database.hpp"

#include <charconv>

#include <fmt/format.h>

#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace shequ::storage {

bool Row::is_null(std::size_t column) const {
  return std::holds_alternative<std::nullptr_t>(values_.at(column));
}

int64_t Row::integer(std::size_t column) const {
  const Value& v = values_.at(column);
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::real(std::size_t column) const {
  const Value& v = values_.at(column);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) {
    double out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string Row::text(std::size_t column) const {
  const Value& v = values_.at(column);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);  // shortest exact
  return {};
}

std::optional<int64_t> Row::optional_integer(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<std::string> Row::optional_text(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Result<std::optional<Row>> Session::query_one(std::string_view sql, std::span<const Value> params) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, query(sql, params));
  if (rows.empty()) return std::optional<Row>{};
  return std::optional<Row>{std::move(rows.front())};
}

thread_local const Database::UnitOfWorkScope* Database::UnitOfWorkScope::innermost_ = nullptr;

Database::UnitOfWorkScope::UnitOfWorkScope(const Database& db) : db_(&db), outer_(innermost_) {
  innermost_ = this;
}

Database::UnitOfWorkScope::~UnitOfWorkScope() {
  innermost_ = outer_;
}

bool Database::inside_unit_of_work() const {
  for (const UnitOfWorkScope* scope = UnitOfWorkScope::innermost_; scope != nullptr;
       scope = scope->outer_) {
    if (scope->db_ == this) return true;
  }
  return false;
}

Error Database::reentrant_write_error() {
  return Error::internal(
      "storage: write() called from inside a unit of work of the same database; it would wait "
      "for its own transaction");
}

Result<std::unique_ptr<Database>> open_database(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    const std::string path = url.substr(7);
    if (path.empty()) {
      return Error::invalid("database", {"SQLite 数据库路径不能为空", "the SQLite path is empty"});
    }
    return open_sqlite_database(path);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres_database(url);
  }
  return Error::invalid("database", {"数据库地址必须以 sqlite: 或 postgresql:// 开头",
                                     "the database URL must start with sqlite: or postgresql://"});
}

std::string bind_all(std::vector<Value>& params, std::initializer_list<Value> values) {
  std::string out;
  for (const Value& v : values) {
    params.push_back(v);
    out += (out.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return out;
}

}  // namespace shequ::storage
