// The storage interface. One portable SQL subset, two backends (SQLite and PostgreSQL).
//
// SQL is written once with $1, $2, ... parameters; values are always bound, never spliced.
// Every unit of work runs inside a transaction: Database::write() for anything that changes
// data (acknowledged only after a durable commit), Database::read() for consistent reads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace shequ::storage {

// A bound parameter or a column value. Integers are 64-bit; booleans are stored as 0/1 integers
// so that the same SQL runs on both backends.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

// One row of a result set, owned. Column accessors take the zero-based column index.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t column) const;
  // Preconditions: column < size() and the column holds a value of the matching kind; an
  // integer column read as text gives its decimal form, a text column read as an integer
  // gives its parsed value (PostgreSQL reports numbers as text on the wire).
  int64_t integer(std::size_t column) const;
  double real(std::size_t column) const;
  std::string text(std::size_t column) const;
  std::optional<int64_t> optional_integer(std::size_t column) const;
  std::optional<std::string> optional_text(std::size_t column) const;
  const Value& value(std::size_t column) const { return values_.at(column); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// Appends `values` to `params` and returns their placeholders ("$4, $5, $6"): an IN list, or one
// row of a multi-row VALUES.
std::string bind_all(std::vector<Value>& params, std::initializer_list<Value> values);

// A parameter from an optional: NULL when it is empty; integers of any width as int64_t.
template <class T>
Value optional_value(const std::optional<T>& v) {
  if (!v) return Value(nullptr);
  if constexpr (std::is_integral_v<T>) {
    return Value(static_cast<int64_t>(*v));
  } else {
    return Value(*v);
  }
}

enum class Dialect { sqlite, postgres };

// What write() has done since the database was opened, for monitoring (units per commit is
// the batching that group commit achieves) and for tests.
struct WriteStats {
  int64_t units = 0;    // units of work settled, whatever their outcome
  int64_t commits = 0;  // COMMITs that succeeded: each is one durable flush
  int64_t waiting = 0;  // callers queued for the next batch right now (0 where none queue)
};

// A connection lent for the duration of one transaction. Not thread-safe; never stored.
class Session {
 public:
  virtual ~Session() = default;

  // Runs one statement and returns all its rows (a SELECT, or a write with RETURNING).
  virtual Result<Rows> query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs one statement and returns the number of rows it changed.
  virtual Result<int64_t> execute(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Streams rows to `on_row` without materialising them; stops at the first error it returns.
  virtual Status for_each(std::string_view sql, std::span<const Value> params,
                          const std::function<Status(const Row&)>& on_row) = 0;
  // Runs several statements separated by ';' without parameters (migrations only).
  virtual Status execute_script(std::string_view sql) = 0;

  virtual Dialect dialect() const = 0;

  // Convenience: the first row, or nullopt when there is none.
  Result<std::optional<Row>> query_one(std::string_view sql, std::span<const Value> params = {});
};

// Thread-safe: read() and write() may be called from any number of threads at once.
// Errors from the backends are mapped to the registry: a unique or foreign-key violation is
// ErrorCode::conflict, an unreachable server is ErrorCode::unavailable, anything else internal.
class Database {
 public:
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;
  // "sqlite:var/shequ.db" or "postgresql://user@host:port/db" with any password removed.
  virtual std::string describe() const = 0;

  // Runs `work` (a unit of work) as one atomic write and blocks until it is settled:
  // - ok: everything `work` did is committed, durably (it survives a crash or power loss),
  //   before write() returns; a read() that starts afterwards sees it.
  // - `work` returns an error: nothing it did stays; the error is returned unchanged.
  // - `work` throws: nothing it did stays; the exception propagates from write().
  // - the commit fails: nothing stays; the backend's error is returned.
  // Units of work from concurrent callers may share one transaction and one commit (group
  // commit, docs/adr/0021): they run one after the other, each rolled back alone (the first
  // with the transaction, the others to their savepoints), so a unit sees the effects of those
  // that ran before it, exactly as if each had its own serial transaction, and a unit that fails
  // or throws rolls back alone. Its caller is answered only
  // after the shared commit, with its own outcome. Hence, for `work`:
  // - it may run on another thread, a caller of write() that leads the batch, while its own
  //   caller waits: it must not rely on thread-local state or the caller's thread identity;
  // - it must not call write() on the same database (directly or through a service): that is
  //   refused with ErrorCode::internal on every backend, because on SQLite it would wait for
  //   itself; nor wait for another thread that does;
  // - what it captures by reference stays valid, as its caller is blocked until it has run.
  // read() inside `work` is allowed and sees the last commit, not the unit's own changes.
  virtual Status write(const std::function<Status(Session&)>& work) = 0;
  virtual WriteStats write_stats() const = 0;
  // Runs `work` in a read-only transaction that sees one consistent snapshot. It runs on the
  // calling thread and may call write(); `work` that fails or throws is passed on as above.
  virtual Status read(const std::function<Status(Session&)>& work) = 0;

  // Typed helpers over write()/read() for work that produces a value.
  template <class T>
  Result<T> write_value(const std::function<Result<T>(Session&)>& work);
  template <class T>
  Result<T> read_value(const std::function<Result<T>(Session&)>& work);

 protected:
  // For backends: while one lives, the calling thread is running units of work of this
  // database, and inside_unit_of_work() says so. Scopes nest (a unit of one database may write
  // to another). Not copyable; lives on the stack of the thread it marks.
  class UnitOfWorkScope {
   public:
    explicit UnitOfWorkScope(const Database& db);
    ~UnitOfWorkScope();
    UnitOfWorkScope(const UnitOfWorkScope&) = delete;
    UnitOfWorkScope& operator=(const UnitOfWorkScope&) = delete;

   private:
    friend class Database;
    static thread_local const UnitOfWorkScope* innermost_;  // on this thread
    const Database* db_;
    const UnitOfWorkScope* outer_;  // the scope this one is nested in
  };
  // True on a thread that is inside a UnitOfWorkScope of this database.
  bool inside_unit_of_work() const;
  // The error write() returns when called from inside one of its own units of work.
  static Error reentrant_write_error();
};

// Opens a database by URL: "sqlite:PATH" (the file and its folder are created when missing)
// or "postgresql://..." / "postgres://..." (a libpq connection URI). An unknown scheme is an
// invalid_argument error naming "database".
Result<std::unique_ptr<Database>> open_database(const std::string& url);

template <class T>
Result<T> Database::write_value(const std::function<Result<T>(Session&)>& work) {
  std::optional<T> out;
  SHEQU_TRY(write([&](Session& session) -> Status {
    auto result = work(session);
    if (!result) return std::move(result).error();
    out = std::move(result).value();
    return {};
  }));
  return std::move(*out);
}

template <class T>
Result<T> Database::read_value(const std::function<Result<T>(Session&)>& work) {
  std::optional<T> out;
  SHEQU_TRY(read([&](Session& session) -> Status {
    auto result = work(session);
    if (!result) return std::move(result).error();
    out = std::move(result).value();
    return {};
  }));
  return std::move(*out);
}

}  // namespace shequ::storage
