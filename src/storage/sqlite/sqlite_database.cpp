#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <span>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "common/files.hpp"
#include "common/strings.hpp"

namespace shequ::storage {

namespace {

constexpr int kBusyTimeoutMs = 10'000;
// How much of the file a reader maps (virtual memory, not resident): a province's database of a
// few million people. Beyond it, pages are read as without a map.
constexpr int64_t kReaderMapBytes = int64_t{1} << 30;

Error sqlite_error(sqlite3* db, int rc, std::string_view sql) {
  const std::string detail =
      fmt::format("sqlite: {} ({}) in: {}", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc,
                  sql.substr(0, 200));
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT: {
      Error e =
          Error::conflict({"数据与已有记录冲突", "the data conflicts with an existing record"});
      e.internal_detail = detail;
      return e;
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return Error::unavailable(detail);
    default:
      return Error::internal(detail);
  }
}

// One sqlite3 handle and its prepared statements. Used by one thread at a time.
class Connection {
 public:
  Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared.stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() const { return db_; }

  // A prepared statement and where each of $1, $2, … binds: SQLite numbers "$N" names by first
  // appearance, and finding a name among many is a linear scan, so it is done once.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index;  // index[i]: the parameter named $i+1; 0 when there is none
  };

  // Returns a reset statement from the cache, preparing it on first use.
  Result<const Prepared*> prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return &it->second;
    std::string key(sql);
    Prepared prepared;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                      SQLITE_PREPARE_PERSISTENT, &prepared.stmt, &tail);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, sql);
    if (prepared.stmt == nullptr) return Error::internal("sqlite: empty statement");
    const int count = sqlite3_bind_parameter_count(prepared.stmt);
    prepared.index.assign(static_cast<std::size_t>(count), 0);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(prepared.stmt, i);
      if (name == nullptr || name[0] != '$') continue;
      const auto number = parse_decimal(name + 1);
      if (number && *number >= 1 && *number <= count) {
        prepared.index[static_cast<std::size_t>(*number - 1)] = i;
      }
    }
    return &statements_.emplace(std::move(key), std::move(prepared)).first->second;
  }

  // Runs one statement without parameters or rows (BEGIN, SAVEPOINT ...), prepared once.
  Status step(std::string_view sql) {
    SHEQU_ASSIGN_OR_RETURN(const Prepared* prepared, prepare(sql));
    sqlite3_stmt* stmt = prepared->stmt;
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc == SQLITE_DONE) return {};
    return sqlite_error(db_, rc, sql);
  }

  Status exec(std::string_view sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    Error error = sqlite_error(nullptr, rc, sql);
    error.internal_detail = fmt::format("sqlite: {} in: {}", detail, sql.substr(0, 200));
    return error;
  }

 private:
  // Looked up by the SQL's view, without copying it: a bulk insert looks one up per row.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };

  sqlite3* db_;
  std::unordered_map<std::string, Prepared, SqlHash, std::equal_to<>> statements_;
};

// The "C" collation: byte order, as PostgreSQL's collation of that name. Portable SQL names it
// where an answer must not depend on PostgreSQL's locale (storage/like.hpp folds case with
// lower(column COLLATE "C")); SQLite knows no collation by that name of itself.
int compare_bytes(void*, int left_size, const void* left, int right_size, const void* right) {
  const int shorter = std::min(left_size, right_size);
  // memcmp is not to be given a null pointer, which an empty value may be.
  if (shorter > 0) {
    if (const int order = std::memcmp(left, right, static_cast<std::size_t>(shorter)); order != 0)
      return order;
  }
  return left_size < right_size ? -1 : left_size > right_size ? 1 : 0;
}

Result<std::unique_ptr<Connection>> open_connection(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  auto connection = std::make_unique<Connection>(db);
  if (rc != SQLITE_OK) {
    return Error::unavailable(fmt::format("sqlite: cannot open {}: {}", path, sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  if (const int collation =
          sqlite3_create_collation_v2(db, "C", SQLITE_UTF8, nullptr, compare_bytes, nullptr);
      collation != SQLITE_OK) {
    return Error::unavailable(
        fmt::format("sqlite: cannot add the C collation: {}", sqlite3_errstr(collation)));
  }
  if (read_only) {
    SHEQU_TRY(connection->exec("PRAGMA query_only = ON"));
    // Readers map the file: a page read is then a memory access instead of a system call, which
    // halves lists that visit rows scattered over a large table (the overdue list reads one
    // person row per care target; docs/performance.md). The cost, as SQLite documents it: a disk
    // that fails under a mapped read stops the process (SIGBUS) instead of failing the query.
    // The writer keeps to read() and write().
    SHEQU_TRY(connection->exec(fmt::format("PRAGMA mmap_size = {}", kReaderMapBytes)));
  } else {
    // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an
    // acknowledged write survives a crash or power loss.
    SHEQU_TRY(connection->exec("PRAGMA journal_mode = WAL"));
    SHEQU_TRY(connection->exec("PRAGMA synchronous = FULL"));
  }
  SHEQU_TRY(connection->exec("PRAGMA foreign_keys = ON"));
  return connection;
}

class SqliteSession final : public Session {
 public:
  explicit SqliteSession(Connection& connection) : connection_(connection) {}

  Result<Rows> query(std::string_view sql, std::span<const Value> params) override {
    Rows rows;
    SHEQU_TRY(run(sql, params, [&](sqlite3_stmt* stmt) -> Status {
      rows.push_back(read_row(stmt));
      return {};
    }));
    return rows;
  }

  Result<int64_t> execute(std::string_view sql, std::span<const Value> params) override {
    SHEQU_TRY(run(sql, params, [](sqlite3_stmt*) -> Status { return {}; }));
    return static_cast<int64_t>(sqlite3_changes64(connection_.handle()));
  }

  Status for_each(std::string_view sql, std::span<const Value> params,
                  const std::function<Status(const Row&)>& on_row) override {
    return run(sql, params, [&](sqlite3_stmt* stmt) { return on_row(read_row(stmt)); });
  }

  Status execute_script(std::string_view sql) override { return connection_.exec(sql); }

  Dialect dialect() const override { return Dialect::sqlite; }

 private:
  static Row read_row(sqlite3_stmt* stmt) {
    const int columns = sqlite3_column_count(stmt);
    std::vector<Value> values;
    values.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(int64_t{sqlite3_column_int64(stmt, c)});
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        case SQLITE_BLOB: {
          const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          values.emplace_back(std::string(data ? data : "", sqlite3_column_bytes(stmt, c)));
          break;
        }
        default: {
          const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          values.emplace_back(std::string(data ? data : "", sqlite3_column_bytes(stmt, c)));
        }
      }
    }
    return Row(std::move(values));
  }

  template <class OnRow>
  Status run(std::string_view sql, std::span<const Value> params, OnRow&& on_row) {
    SHEQU_ASSIGN_OR_RETURN(const Connection::Prepared* prepared, connection_.prepare(sql));
    sqlite3_stmt* stmt = prepared->stmt;
    // Leave the cached statement reset and unbound whatever happens below.
    struct Reset {
      sqlite3_stmt* stmt;
      ~Reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};
    if (static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt)) != params.size()) {
      return Error::internal(fmt::format("sqlite: statement takes {} parameters, {} given: {}",
                                         sqlite3_bind_parameter_count(stmt), params.size(),
                                         sql.substr(0, 200)));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = prepared->index[i];
      if (index == 0) {
        return Error::internal(
            fmt::format("sqlite: no parameter ${} in: {}", i + 1, sql.substr(0, 200)));
      }
      int rc = SQLITE_OK;
      if (const auto* i64 = std::get_if<int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(stmt, index, *i64);
      } else if (const auto* d = std::get_if<double>(&params[i])) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return sqlite_error(connection_.handle(), rc, sql);
    }
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return {};
      if (rc != SQLITE_ROW) return sqlite_error(connection_.handle(), rc, sql);
      SHEQU_TRY(on_row(stmt));
    }
  }

  Connection& connection_;
};

// Group commit (docs/adr/0021). Callers of write() queue their units of work; the caller at
// the front leads: it opens one transaction, runs queued units one after the other, each after
// the first in a savepoint, until the queue is empty or the batch reaches its bounds
// (SqliteOptions), commits once, answers every unit of the batch, and hands the lead to the
// caller now at the front.
// N concurrent writes thus cost one fsync instead of N; a lone write costs what it did.
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::unique_ptr<Connection> writer, SqliteOptions options)
      : path_(std::move(path)), options_(options), writer_(std::move(writer)) {
    batch_.reserve(options_.max_batch_units);
    if (options_.fail_commit) {
      // A non-zero answer from the hook turns the COMMIT into a rollback.
      sqlite3_commit_hook(
          writer_->handle(),
          [](void* fail) -> int { return (*static_cast<const std::function<bool()>*>(fail))(); },
          const_cast<std::function<bool()>*>(&options_.fail_commit));
    }
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

  Status write(const std::function<Status(Session&)>& work) override {
    if (inside_unit_of_work()) return reentrant_write_error();
    Unit unit{&work};
    bool settled = false;
    {
      std::unique_lock lock(queue_mutex_);
      queue_.push_back(&unit);
      if (leading_) {
        unit.wake.wait(lock, [&] { return unit.settled || unit.leads; });
        settled = unit.settled;
      }
      // No one led, or the last leader chose this caller; a settled caller leaves the lead to
      // whoever holds it, if anyone.
      if (!settled) leading_ = true;
    }
    if (!settled) lead();
    if (unit.fault) std::rethrow_exception(unit.fault);
    return std::move(unit.status);
  }

  WriteStats write_stats() const override {
    std::lock_guard lock(queue_mutex_);
    return {units_, commits_, static_cast<int64_t>(queue_.size())};
  }

  Status read(const std::function<Status(Session&)>& work) override {
    SHEQU_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, take_reader());
    Status status = run_read(*reader, work);
    give_back(std::move(reader));
    return status;
  }

 private:
  // One caller's unit of work and its outcome. Lives on the caller's stack until it is settled;
  // every field but `work` is guarded by queue_mutex_ until then.
  struct Unit {
    const std::function<Status(Session&)>* work;
    Status status;
    std::exception_ptr fault;  // what `work` threw, rethrown on the caller's thread
    bool settled = false;      // status and fault are final
    bool leads = false;        // the caller is to lead the next batch
    std::condition_variable wake;
  };

  // Runs one batch, beginning with the unit at the front of the queue, then settles its units
  // and passes the lead on. Called with leading_ set and the queue not empty.
  void lead() {
    batch_.clear();
    bool committed = false;
    try {
      UnitOfWorkScope scope(*this);
      const Status begun = writer_->step("BEGIN IMMEDIATE");
      const auto started = std::chrono::steady_clock::now();
      // The transaction stays open while units succeed (or fail alone); it may end early only
      // when SQLite rolled it back under a failing statement (a full disk, an I/O error).
      bool open = begun.ok();
      while (batch_.size() < options_.max_batch_units) {
        Unit* unit = nullptr;
        {
          std::lock_guard lock(queue_mutex_);
          if (queue_.empty() || (!batch_.empty() && std::chrono::steady_clock::now() - started >=
                                                        options_.max_batch_time)) {
            break;
          }
          unit = queue_.front();
          queue_.pop_front();
        }
        batch_.push_back(unit);
        if (!open) {
          // BEGIN failed (another process holds the write lock past the busy timeout): this
          // unit gets that error and the batch ends, so the next leader tries again.
          unit->status = begun;
          break;
        }
        open = run_unit(*unit, /*first=*/batch_.size() == 1);
        if (!open) {
          lose(std::span(batch_.data(), batch_.size() - 1), unit->status);
          break;
        }
      }
      if (open) committed = commit();
    } catch (...) {
      // Units' exceptions are caught in run_unit(); only the batch's own bookkeeping can throw
      // here (std::bad_alloc). Nothing of the batch is kept and no caller is left waiting.
      if (!transaction_ended()) (void)writer_->exec("ROLLBACK");
      for (Unit* unit : batch_) {
        if (!unit->fault) unit->fault = std::current_exception();
      }
    }
    std::lock_guard lock(queue_mutex_);
    units_ += static_cast<int64_t>(batch_.size());
    if (committed) ++commits_;
    for (Unit* unit : batch_) {
      unit->settled = true;
      unit->wake.notify_one();
    }
    if (queue_.empty()) {
      leading_ = false;
    } else {
      queue_.front()->leads = true;
      queue_.front()->wake.notify_one();
    }
  }

  // Runs one unit in the open transaction and records its outcome in it. Returns whether the
  // transaction is still open.
  //
  // The first unit of a batch runs without a savepoint: the transaction holds nothing else yet,
  // so rolling it back undoes that unit alone, and its failure ends the batch (the units queued
  // behind it form the next). A savepoint is not free: SQLite copies every page that existed
  // before it into a temporary sub-journal the first time the unit changes it; 100,000 one-row
  // inserts into a table of a million wrote 7 % more and took 2-14 % longer inside one
  // (docs/adr/0021). Every later unit of the batch gets one, so that it rolls back alone.
  bool run_unit(Unit& unit, bool first) {
    if (!first) {
      if (Status status = writer_->step("SAVEPOINT unit"); !status) {
        unit.status = std::move(status);
        return !transaction_ended();
      }
    }
    SqliteSession session(*writer_);
    try {
      unit.status = (*unit.work)(session);
    } catch (...) {
      unit.fault = std::current_exception();
    }
    // A serial transaction would fail at its COMMIT on a deferred foreign key it left
    // unresolved; in a shared one that would fail the whole batch, so the unit fails here, alone.
    // Every unit starts with none unresolved, as this check ran for the units before it.
    if (unit.status && !unit.fault && unresolved_deferred_keys()) {
      Error unresolved =
          Error::conflict({"数据与已有记录冲突", "the data conflicts with an existing record"});
      unresolved.internal_detail = "sqlite: a deferred foreign key is left unresolved";
      unit.status = std::move(unresolved);
    }
    if (unit.status && !unit.fault) {
      if (first) return true;
      if (Status released = writer_->step("RELEASE unit"); !released) {
        unit.status = std::move(released);
      } else {
        return true;
      }
    }
    // Only this unit's changes go; those of the units before it stay in the transaction.
    // SQLite may have rolled back the whole transaction under the failing statement already.
    if (transaction_ended()) return false;
    if (first || !writer_->step("ROLLBACK TO unit") || !writer_->step("RELEASE unit")) {
      (void)writer_->exec("ROLLBACK");
      return false;
    }
    return true;
  }

  // Ends the open transaction of the batch: commits it, or rolls it back when none of its units
  // succeeded. A failed commit fails every unit that had succeeded. Returns whether it committed.
  bool commit() {
    const bool any = std::any_of(batch_.begin(), batch_.end(),
                                 [](const Unit* unit) { return unit->status && !unit->fault; });
    if (!any) {
      (void)writer_->step("ROLLBACK");
      return false;
    }
    Status committed = writer_->step("COMMIT");
    if (committed) return true;
    // Nothing of the batch stays; a failed rollback means the connection is unusable, which
    // the next BEGIN reports.
    if (!transaction_ended()) (void)writer_->exec("ROLLBACK");
    for (Unit* unit : batch_) {
      if (unit->status && !unit->fault) unit->status = committed;
    }
    return false;
  }

  // The transaction ended under a failing unit: the units before it, which had succeeded, lost
  // their changes with it and fail too.
  static void lose(std::span<Unit*> before, const Status& cause) {
    Error lost = Error::unavailable(
        "sqlite: the shared transaction was rolled back under another unit of work");
    if (!cause) lost.internal_detail = cause.error().internal_detail;
    for (Unit* unit : before) {
      if (unit->status && !unit->fault) unit->status = lost;
    }
  }

  bool transaction_ended() const { return sqlite3_get_autocommit(writer_->handle()) != 0; }

  bool unresolved_deferred_keys() const {
    int current = 0;
    int highest = 0;
    sqlite3_db_status(writer_->handle(), SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0);
    return current != 0;
  }

  static Status run_read(Connection& connection, const std::function<Status(Session&)>& work) {
    SHEQU_TRY(connection.step("BEGIN"));
    SqliteSession session(connection);
    Status status;
    try {
      status = work(session);
    } catch (...) {
      // The reader goes back to the pool: never leave it inside a transaction.
      (void)connection.exec("ROLLBACK");
      throw;
    }
    // A read transaction has nothing to keep: COMMIT and ROLLBACK both just end it.
    if (status) status = connection.step("COMMIT");
    if (!status) (void)connection.exec("ROLLBACK");
    return status;
  }

  Result<std::unique_ptr<Connection>> take_reader() {
    {
      std::lock_guard lock(pool_mutex_);
      if (!idle_readers_.empty()) {
        auto reader = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return reader;
      }
    }
    return open_connection(path_, /*read_only=*/true);
  }

  void give_back(std::unique_ptr<Connection> reader) {
    std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(std::move(reader));
  }

  const std::string path_;
  const SqliteOptions options_;
  // Used only by the leader of the current batch.
  std::unique_ptr<Connection> writer_;
  std::vector<Unit*> batch_;
  mutable std::mutex queue_mutex_;
  std::deque<Unit*> queue_;  // waiting to be taken into a batch, first come first
  bool leading_ = false;     // a caller is leading a batch; false only when queue_ is empty
  int64_t units_ = 0;
  int64_t commits_ = 0;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path,
                                                       const SqliteOptions& options) {
  if (options.max_batch_units < 1) return Error::internal("sqlite: max_batch_units must be >= 1");
  // A new database is readable by this account only (SQLite gives its -wal and -shm files the
  // database file's mode), in folders made 0700.
  SHEQU_TRY(create_private_file(path));
  SHEQU_ASSIGN_OR_RETURN(auto writer, open_connection(path, /*read_only=*/false));
  return std::unique_ptr<Database>(
      std::make_unique<SqliteDatabase>(path, std::move(writer), options));
}

}  // namespace shequ::storage
