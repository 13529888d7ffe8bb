// PostgreSQL backend over libpq.
//
// - Connections: a thread-safe pool, opened lazily and reused. open_postgres_database() connects
//   once to fail fast. A connection that is broken or still inside a transaction is closed instead
//   of pooled; a pooled one that died while idle (server restart, idle timeout) is replaced
//   before any work runs on it. Every connection uses client_encoding UTF8.
// - Transactions: write() runs BEGIN ... COMMIT (READ COMMITTED), read() runs BEGIN ISOLATION
//   LEVEL REPEATABLE READ READ ONLY ... COMMIT; an error from the work rolls back. After a failed
//   statement the server aborts the whole transaction, so work must pass errors on; a COMMIT that
//   the server turned into a rollback is reported as an error, never as success.
//   Round trips are what a request waits for, so a transaction costs none of its own: BEGIN goes
//   out in one pipeline with the first statement (a transaction that runs none is never begun),
//   and a read's COMMIT is sent without waiting for its answer, which the connection's next use
//   reads first. A write waits for its COMMIT: that answer is the durability its caller awaits.
// - Statements: prepared once per connection (s0, s1, ...) and run with PQexecPrepared.
//   Parameters go as text: int64 in decimal, double as its shortest round-trip form, strings as
//   they are (a NUL byte is refused), NULL as NULL. A string bound to a bytea parameter goes in
//   binary format, as its raw bytes.
// - Columns: int2/int4/int8 and bool (0/1) -> int64_t, float4/float8/numeric -> double,
//   bytea -> its raw bytes, NULL -> nullptr, anything else -> its text form.
// - for_each() streams in libpq's single-row mode; nothing is materialised. When on_row stops
//   early, the remaining rows are still read (and dropped) so the connection stays usable.
// - Errors by SQLSTATE: class 23 (integrity) -> conflict; a lost connection, class 08, class 53
//   (insufficient resources) and 57P* (server shutting down) -> unavailable; the rest ->
//   internal. Server messages go to internal_detail only.
#include "storage/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <cstring>
#include <mutex>
#include <new>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace shequ::storage {

namespace {

// Type OIDs from the pg_type catalogue; they are fixed for built-in types.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

std::string_view without_trailing_space(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

// The URL without its password, whether given as user:password@ or as a password= parameter.
std::string without_password(std::string url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string::npos) {
    // As libpq reads it: user information is what precedes an '@' that comes before any '/'.
    const std::size_t start = scheme + 3;
    const std::size_t end = url.find_first_of("@/", start);
    const std::size_t colon = url.find(':', start);
    if (end != std::string::npos && url[end] == '@' && colon < end) url.erase(colon, end - colon);
  }
  const std::size_t query = url.find('?');
  if (query == std::string::npos) return url;
  std::string kept;
  std::string_view rest = std::string_view(url).substr(query + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view parameter = rest.substr(0, amp);
    if (!parameter.starts_with("password=")) {
      kept += kept.empty() ? "?" : "&";
      kept += parameter;
    }
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  return url.substr(0, query) + kept;
}

Error pg_error(PGconn* conn, const PGresult* result, std::string_view sql) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = state ? state : "";
  std::string_view message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  if (message.empty() && result) message = PQresStatus(PQresultStatus(result));
  const std::string detail = fmt::format(
      "postgres: {} [{}] in: {}", without_trailing_space(message), sqlstate, sql.substr(0, 200));
  if (sqlstate.starts_with("23")) {
    Error e = Error::conflict({"数据与已有记录冲突", "the data conflicts with an existing record"});
    e.internal_detail = detail;
    return e;
  }
  if (PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate.starts_with("53") ||
      sqlstate.starts_with("57P")) {
    return Error::unavailable(detail);
  }
  return Error::internal(detail);
}

Value read_value(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return nullptr;
  const char* text = PQgetvalue(result, row, column);
  const std::string_view view(text, PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      int64_t value = 0;
      std::from_chars(view.data(), view.data() + view.size(), value);
      return value;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double value = 0;
      std::from_chars(view.data(), view.data() + view.size(), value);
      return value;
    }
    case kBoolOid:
      return int64_t{view == "t" ? 1 : 0};
    case kByteaOid: {
      std::size_t size = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
      if (bytes == nullptr) throw std::bad_alloc();
      std::string value(reinterpret_cast<const char*>(bytes), size);
      PQfreemem(bytes);
      return value;
    }
    default:
      return std::string(view);
  }
}

Row read_row(const PGresult* result, int row) {
  const int columns = PQnfields(result);
  std::vector<Value> values;
  values.reserve(columns);
  for (int c = 0; c < columns; ++c) values.push_back(read_value(result, row, c));
  return Row(std::move(values));
}

void log_notice(void*, const char* message) {
  spdlog::debug("postgres: {}", without_trailing_space(message));
}

// One libpq connection and the statements prepared on it. Used by one thread at a time.
class Connection {
 public:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* handle() const { return conn_; }

  // Connected and outside any transaction (a read's COMMIT may still be on its way: settle()
  // reads its answer), so another unit of work may use it.
  bool reusable() const {
    if (PQstatus(conn_) != CONNECTION_OK || PQpipelineStatus(conn_) != PQ_PIPELINE_OFF) {
      return false;
    }
    return PQtransactionStatus(conn_) == (commit_in_flight_ ? PQTRANS_ACTIVE : PQTRANS_IDLE);
  }

  // Reads the answer to a read's COMMIT sent by end_read(), if any. An error means the
  // connection is of no further use.
  Status settle() {
    if (!commit_in_flight_) return {};
    commit_in_flight_ = false;
    PgResult last;
    while (PgResult result{PQgetResult(conn_)}) last = std::move(result);
    SHEQU_TRY(check(std::move(last), "COMMIT"));
    return {};
  }

  // Opens a transaction with `begin`, which goes out with the first statement run in it.
  void begin(std::string_view begin) { pending_begin_ = begin; }

  // Ends a write's transaction and waits for the answer.
  Status commit() {
    if (!pending_begin_.empty()) {  // nothing ran: nothing to commit
      pending_begin_.clear();
      return {};
    }
    SHEQU_ASSIGN_OR_RETURN(PgResult result, exec("COMMIT"));
    // The server answers COMMIT of a transaction it has already aborted with a ROLLBACK.
    if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
      return Error::internal(
          "postgres: the transaction was rolled back at COMMIT after a failed statement");
    }
    return {};
  }

  // Ends a read-only transaction without waiting: what it read stands whatever COMMIT answers.
  Status end_read() {
    if (!pending_begin_.empty()) {
      pending_begin_.clear();
      return {};
    }
    if (!PQsendQuery(conn_, "COMMIT")) return pg_error(conn_, nullptr, "COMMIT");
    commit_in_flight_ = true;
    return {};
  }

  void rollback() {
    if (!pending_begin_.empty()) {
      pending_begin_.clear();
      return;
    }
    (void)exec("ROLLBACK");
  }

  // Runs SQL without parameters: one statement or several separated by ';'.
  Result<PgResult> exec(std::string_view sql) {
    SHEQU_TRY(send_pending_begin());
    return check(PgResult(PQexec(conn_, std::string(sql).c_str())), sql);
  }

  Result<PgResult> exec_prepared(std::string_view sql, std::span<const Value> params) {
    if (!pending_begin_.empty()) {
      return on_live_connection<PgResult>([&]() -> Result<PgResult> {
        Bound bound;
        SHEQU_ASSIGN_OR_RETURN(const Statement* statement, prepare(sql, params, bound));
        return begin_and_run(*statement, bound, sql);
      });
    }
    Bound bound;
    SHEQU_ASSIGN_OR_RETURN(const Statement* statement, prepare(sql, params, bound));
    return check(
        PgResult(PQexecPrepared(conn_, statement->name.c_str(), bound.size(), bound.values.data(),
                                bound.lengths.data(), bound.formats.data(), /*resultFormat=*/0)),
        sql);
  }

  Status stream(std::string_view sql, std::span<const Value> params,
                const std::function<Status(const Row&)>& on_row) {
    SHEQU_TRY(send_pending_begin());
    Bound bound;
    SHEQU_ASSIGN_OR_RETURN(const Statement* statement, prepare(sql, params, bound));
    if (!PQsendQueryPrepared(conn_, statement->name.c_str(), bound.size(), bound.values.data(),
                             bound.lengths.data(), bound.formats.data(), /*resultFormat=*/0) ||
        !PQsetSingleRowMode(conn_)) {
      return pg_error(conn_, nullptr, sql);
    }
    Status status;
    while (PgResult result{PQgetResult(conn_)}) {
      if (!status) continue;  // drain: the connection takes no command before the last result
      switch (PQresultStatus(result.get())) {
        case PGRES_SINGLE_TUPLE:
          status = on_row(read_row(result.get(), 0));
          break;
        case PGRES_TUPLES_OK:
        case PGRES_COMMAND_OK:
          break;
        default:
          status = pg_error(conn_, result.get(), sql);
      }
    }
    return status;
  }

 private:
  struct Statement {
    std::string name;
    std::vector<Oid> param_types;  // as the server inferred them
  };

  // Parameters in libpq's form. `values` point into `text` or into the caller's strings.
  struct Bound {
    std::vector<std::string> text;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    int size() const { return static_cast<int>(values.size()); }
  };

  // Runs `attempt` once more on a new connection to the same server when it failed because
  // this one had died while pooled: it is the transaction's first contact with the server, so
  // nothing ran in it yet.
  template <class T>
  Result<T> on_live_connection(const std::function<Result<T>()>& attempt) {
    Result<T> result = attempt();
    if (result || PQstatus(conn_) == CONNECTION_OK) return result;
    spdlog::info("postgres: a pooled connection had closed; connecting again");
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) return result;
    statements_.clear();  // they died with the old connection
    return attempt();
  }

  Status send_pending_begin() {
    if (pending_begin_.empty()) return {};
    SHEQU_TRY(on_live_connection<PgResult>(
        [&] { return check(PgResult(PQexec(conn_, pending_begin_.c_str())), pending_begin_); }));
    pending_begin_.clear();
    return {};
  }

  // BEGIN and the transaction's first statement in one pipeline: one round trip for both.
  Result<PgResult> begin_and_run(const Statement& statement, const Bound& bound,
                                 std::string_view sql) {
    if (!PQenterPipelineMode(conn_)) return pg_error(conn_, nullptr, sql);
    PgResult begun;
    PgResult ran;
    if (PQsendQueryParams(conn_, pending_begin_.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                          0) &&
        PQsendQueryPrepared(conn_, statement.name.c_str(), bound.size(), bound.values.data(),
                            bound.lengths.data(), bound.formats.data(), /*resultFormat=*/0) &&
        PQpipelineSync(conn_)) {
      begun = next_in_pipeline();
      ran = next_in_pipeline();
      PgResult synced(PQgetResult(conn_));  // PGRES_PIPELINE_SYNC
    }
    // Fails only on a broken connection, which is then not reused.
    PQexitPipelineMode(conn_);
    if (!begun) return pg_error(conn_, nullptr, sql);
    SHEQU_TRY(check(std::move(begun), pending_begin_));
    pending_begin_.clear();
    return check(std::move(ran), sql);
  }

  // The result of the pipeline's next command, past the NULL that ends its results.
  PgResult next_in_pipeline() {
    PgResult result(PQgetResult(conn_));
    if (result) {
      while (PgResult more{PQgetResult(conn_)}) result = std::move(more);
    }
    return result;
  }

  Result<PgResult> check(PgResult result, std::string_view sql) {
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    return pg_error(conn_, result.get(), sql);
  }

  // Returns the statement for `sql`, preparing it on first use, with `params` bound into `out`.
  Result<const Statement*> prepare(std::string_view sql, std::span<const Value> params,
                                   Bound& out) {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it == statements_.end()) {
      std::string name = fmt::format("s{}", next_statement_++);
      SHEQU_TRY(check(PgResult(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr)), sql));
      SHEQU_ASSIGN_OR_RETURN(PgResult described,
                             check(PgResult(PQdescribePrepared(conn_, name.c_str())), sql));
      Statement statement{std::move(name), {}};
      for (int i = 0; i < PQnparams(described.get()); ++i) {
        statement.param_types.push_back(PQparamtype(described.get(), i));
      }
      it = statements_.emplace(std::move(key), std::move(statement)).first;
    }
    const Statement& statement = it->second;
    if (statement.param_types.size() != params.size()) {
      return Error::internal(fmt::format("postgres: statement takes {} parameters, {} given: {}",
                                         statement.param_types.size(), params.size(),
                                         sql.substr(0, 200)));
    }
    const std::size_t n = params.size();
    out.text.resize(n);
    out.values.assign(n, nullptr);
    out.lengths.assign(n, 0);
    out.formats.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (const auto* i64 = std::get_if<int64_t>(&params[i])) {
        out.text[i] = fmt::format("{}", *i64);
        out.values[i] = out.text[i].c_str();
      } else if (const auto* d = std::get_if<double>(&params[i])) {
        out.text[i] = fmt::format("{}", *d);
        out.values[i] = out.text[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        out.values[i] = s->c_str();
        if (statement.param_types[i] == kByteaOid) {
          out.formats[i] = 1;
          out.lengths[i] = static_cast<int>(s->size());
        } else if (s->find('\0') != std::string::npos) {
          return Error::internal(fmt::format("postgres: text parameter ${} holds a NUL byte in: {}",
                                             i + 1, sql.substr(0, 200)));
        }
      }
    }
    return &statement;
  }

  PGconn* conn_;
  std::unordered_map<std::string, Statement> statements_;
  int next_statement_ = 0;
  std::string pending_begin_;      // the transaction's BEGIN, until its first statement
  bool commit_in_flight_ = false;  // a read's COMMIT, answer not read yet
};

Result<std::unique_ptr<Connection>> connect(const std::string& url) {
  // The URL comes after the timeout so that it may override it; client_encoding comes after the
  // URL because every string in shequ is UTF-8.
  const char* const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                              "client_encoding", nullptr};
  const char* const values[] = {"10", "shequ", url.c_str(), "UTF8", nullptr};
  auto connection =
      std::make_unique<Connection>(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (PQstatus(connection->handle()) != CONNECTION_OK) {
    return Error::unavailable(
        fmt::format("postgres: cannot connect to {}: {}", without_password(url),
                    without_trailing_space(PQerrorMessage(connection->handle()))));
  }
  PQsetNoticeProcessor(connection->handle(), log_notice, nullptr);
  return connection;
}

class PostgresSession final : public Session {
 public:
  explicit PostgresSession(Connection& connection) : connection_(connection) {}

  Result<Rows> query(std::string_view sql, std::span<const Value> params) override {
    SHEQU_ASSIGN_OR_RETURN(PgResult result, connection_.exec_prepared(sql, params));
    Rows rows;
    rows.reserve(PQntuples(result.get()));
    for (int r = 0; r < PQntuples(result.get()); ++r) rows.push_back(read_row(result.get(), r));
    return rows;
  }

  Result<int64_t> execute(std::string_view sql, std::span<const Value> params) override {
    SHEQU_ASSIGN_OR_RETURN(PgResult result, connection_.exec_prepared(sql, params));
    const char* tuples = PQcmdTuples(result.get());  // "" for statements that count no rows
    int64_t count = 0;
    std::from_chars(tuples, tuples + std::strlen(tuples), count);
    return count;
  }

  Status for_each(std::string_view sql, std::span<const Value> params,
                  const std::function<Status(const Row&)>& on_row) override {
    return connection_.stream(sql, params, on_row);
  }

  Status execute_script(std::string_view sql) override {
    SHEQU_TRY(connection_.exec(sql));
    return {};
  }

  Dialect dialect() const override { return Dialect::postgres; }

 private:
  Connection& connection_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, std::unique_ptr<Connection> first)
      : url_(std::move(url)), description_(without_password(url_)) {
    idle_.push_back(std::move(first));
  }

  Dialect dialect() const override { return Dialect::postgres; }
  std::string describe() const override { return description_; }

  // Each unit of work has its own transaction on its own pooled connection: unlike SQLite's
  // single writer, PostgreSQL runs writers side by side and already flushes the WAL of
  // concurrent commits together, so batching units here would only make them wait for each
  // other's locks (docs/adr/0021). A nested write() is refused as on SQLite, where it would
  // wait for itself, so that code tested here does not hang there.
  Status write(const std::function<Status(Session&)>& work) override {
    if (inside_unit_of_work()) return reentrant_write_error();
    UnitOfWorkScope scope(*this);
    Status status;
    try {
      status = run_transaction(/*read_only=*/false, work);
    } catch (...) {
      ++units_;
      throw;
    }
    ++units_;
    if (status) ++commits_;
    return status;
  }

  WriteStats write_stats() const override { return {units_.load(), commits_.load(), 0}; }

  Status read(const std::function<Status(Session&)>& work) override {
    return run_transaction(/*read_only=*/true, work);
  }

 private:
  Status run_transaction(bool read_only, const std::function<Status(Session&)>& work) {
    SHEQU_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, take_connection());
    connection->begin(read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
    PostgresSession session(*connection);
    Status status;
    try {
      status = work(session);
    } catch (...) {
      connection->rollback();
      give_back(std::move(connection));
      throw;
    }
    if (status) status = read_only ? connection->end_read() : connection->commit();
    if (!status) connection->rollback();
    give_back(std::move(connection));
    return status;
  }

  // A pooled connection whose last read has been answered, or a new one. One that died while
  // pooled may still be handed out: the transaction's first statement replaces it.
  Result<std::unique_ptr<Connection>> take_connection() {
    while (std::unique_ptr<Connection> pooled = take_idle()) {
      if (pooled->settle()) return pooled;
    }
    return connect(url_);
  }

  std::unique_ptr<Connection> take_idle() {
    std::lock_guard lock(mutex_);
    if (idle_.empty()) return nullptr;
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }

  void give_back(std::unique_ptr<Connection> connection) {
    if (!connection->reusable()) return;  // closed here, replaced on demand
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }

  const std::string url_;
  const std::string description_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::atomic<int64_t> units_{0};
  std::atomic<int64_t> commits_{0};
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url) {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  if (options == nullptr) {
    Error error = Error::invalid(
        "database", {"PostgreSQL 数据库地址格式有误", "the PostgreSQL URL is malformed"});
    error.internal_detail = parse_error ? without_trailing_space(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return error;
  }
  PQconninfoFree(options);
  SHEQU_ASSIGN_OR_RETURN(std::unique_ptr<Connection> first, connect(url));
  return std::unique_ptr<Database>(std::make_unique<PostgresDatabase>(url, std::move(first)));
}

}  // namespace shequ::storage
