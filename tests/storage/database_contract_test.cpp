// The storage contract, checked on every backend: what a caller of storage::Database can rely on,
// whichever database the deployment runs on.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "app/app.hpp"
#include "modules/modules.hpp"
#include "storage/bulk_insert.hpp"
#include "storage/database.hpp"
#include "storage/like.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

namespace shequ::storage {
namespace {

using namespace std::string_literals;
using shequ::testing::all_backends;
using shequ::testing::Backend;
using shequ::testing::backend_name;
using shequ::testing::TestDatabase;

const Text kConflict{"数据与已有记录冲突", "the data conflicts with an existing record"};

// "ok", or the error's code, message and detail, for assertion messages.
template <class R>
std::string explain(const R& result) {
  if (result.ok()) return "ok";
  const Error& e = result.error();
  return fmt::format("{}: {} [{}]", error_code_name(e.code), e.message.en, e.internal_detail);
}

class DatabaseContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { test_ = TestDatabase::create(GetParam()); }

  Database& db() { return test_->db(); }

  // Runs DDL, with the migration placeholders rendered for the backend; throws on failure.
  void create(const std::string& sql) {
    const std::string rendered = render_migration_sql(sql, db().dialect());
    const Status status = db().write([&](Session& s) { return s.execute_script(rendered); });
    if (!status) throw std::runtime_error("cannot create tables: " + explain(status));
  }

  // Runs one statement in a write transaction of its own.
  Status write(std::string_view sql, const std::vector<Value>& params = {}) {
    return db().write([&](Session& s) -> Status {
      SHEQU_TRY(s.execute(sql, params));
      return {};
    });
  }

  // The rows of one query, read in a read transaction of its own.
  Rows rows(std::string_view sql, const std::vector<Value>& params = {}) {
    auto result = db().read_value<Rows>([&](Session& s) { return s.query(sql, params); });
    EXPECT_TRUE(result) << sql << ": " << explain(result);
    return result ? std::move(result).value() : Rows{};
  }

  // The first column of the first row of one query.
  Value single(std::string_view sql, const std::vector<Value>& params = {}) {
    const Rows result = rows(sql, params);
    if (result.empty()) {
      ADD_FAILURE() << "no row from " << sql;
      return nullptr;
    }
    return result.front().value(0);
  }

  std::unique_ptr<TestDatabase> test_;
};

TEST_P(DatabaseContractTest, ValuesRoundTripExactly) {
  // Column names below come from this table only; values are always parameters.
  create(
      "CREATE TABLE v (k BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT, b BOOLEAN,"
      " bin @BLOB@)");
  struct Case {
    const char* name;
    const char* column;
    Value value;
  };
  const std::vector<Case> cases = {
      {"smallest int64", "i", std::numeric_limits<int64_t>::min()},
      {"largest int64", "i", std::numeric_limits<int64_t>::max()},
      {"negative integer", "i", int64_t{-42}},
      {"zero", "i", int64_t{0}},
      {"decimal fraction", "d", 0.1},
      {"negative double", "d", -2.5},
      {"pi to the last bit", "d", 3.141592653589793},
      {"largest double", "d", std::numeric_limits<double>::max()},
      {"smallest subnormal double", "d", std::numeric_limits<double>::denorm_min()},
      {"infinity", "d", std::numeric_limits<double>::infinity()},
      {"minus infinity", "d", -std::numeric_limits<double>::infinity()},
      {"Chinese text", "s", "甘肃省兰州市城关区东岗西路街道社区服务中心"s},
      {"text beyond the BMP", "s", "老人 👵🏻 助餐"s},
      {"empty text", "s", ""s},
      {"quotes and backslashes", "s", R"(it's a "quote", \ and \x41 and $1)"s},
      {"boolean true", "b", int64_t{1}},
      {"boolean false", "b", int64_t{0}},
      {"binary bytes", "bin", "\0\x01\xff\\x41'\"\n"s},
      {"empty binary", "bin", ""s},
      {"NULL integer", "i", nullptr},
      {"NULL double", "d", nullptr},
      {"NULL text", "s", nullptr},
      {"NULL boolean", "b", nullptr},
      {"NULL binary", "bin", nullptr},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    SCOPED_TRACE(c.name);
    const Status inserted = write(fmt::format("INSERT INTO v (k, {}) VALUES ($1, $2)", c.column),
                                  {static_cast<int64_t>(k), c.value});
    ASSERT_TRUE(inserted) << explain(inserted);
    EXPECT_EQ(
        single(fmt::format("SELECT {} FROM v WHERE k = $1", c.column), {static_cast<int64_t>(k)}),
        c.value);
  }
}

TEST_P(DatabaseContractTest, ParametersAreBoundNotSpliced) {
  create("CREATE TABLE t (s TEXT)");
  const std::string hostile = "'); DROP TABLE t; --";
  const Status inserted = write("INSERT INTO t (s) VALUES ($1)", {hostile});
  ASSERT_TRUE(inserted) << explain(inserted);
  const Rows found = rows("SELECT s FROM t WHERE s = $1", {hostile});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text(0), hostile);
  EXPECT_EQ(single("SELECT count(*) FROM t"), Value{int64_t{1}});
}

TEST_P(DatabaseContractTest, WorkThatFailsLeavesNothingBehind) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT)");
  const std::string insert = "INSERT INTO t (id, name) VALUES ($1, $2)";
  const Status status = db().write([&](Session& s) -> Status {
    SHEQU_TRY(s.execute(insert, std::vector<Value>{int64_t{1}, "甲"s}));
    return Error::invalid("name", {"名称无效", "the name is invalid"});
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::invalid_argument);  // the work's error, unchanged
  ASSERT_EQ(status.error().details.size(), 1u);
  EXPECT_EQ(status.error().details[0].field, "name");
  EXPECT_EQ(single("SELECT count(*) FROM t"), Value{int64_t{0}});

  // The same statement works in the next transaction.
  const Status again = write(insert, {int64_t{1}, "甲"s});
  EXPECT_TRUE(again) << explain(again);
  EXPECT_EQ(single("SELECT name FROM t WHERE id = 1"), Value{"甲"s});
}

TEST_P(DatabaseContractTest, WorkThatThrowsLeavesNothingBehindAndWritesGoOn) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  const std::string insert = "INSERT INTO t (id) VALUES ($1)";
  EXPECT_THROW((void)db().write([&](Session& s) -> Status {
    SHEQU_TRY(s.execute(insert, std::vector<Value>{int64_t{1}}));
    throw std::runtime_error("a fault inside the unit of work");
  }),
               std::runtime_error);
  EXPECT_EQ(single("SELECT count(*) FROM t"), Value{int64_t{0}});
  const Status next = write(insert, {int64_t{2}});
  EXPECT_TRUE(next) << explain(next);
  EXPECT_EQ(single("SELECT count(*) FROM t"), Value{int64_t{1}});
}

TEST_P(DatabaseContractTest, ConstraintViolationsAreConflictsAndRollBack) {
  create(
      "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
      "CREATE TABLE child (id BIGINT PRIMARY KEY,"
      " parent_id BIGINT NOT NULL REFERENCES parent (id),"
      " qty BIGINT NOT NULL CHECK (qty >= 0),"
      " code TEXT UNIQUE)");
  ASSERT_TRUE(write("INSERT INTO parent (id) VALUES (1)"));
  ASSERT_TRUE(write("INSERT INTO child (id, parent_id, qty, code) VALUES (1, 1, 0, 'A')"));
  struct Case {
    const char* name;
    std::vector<Value> child;  // id, parent_id, qty, code
  };
  const std::vector<Case> cases = {
      {"duplicate primary key", {int64_t{1}, int64_t{1}, int64_t{0}, "B"s}},
      {"duplicate unique value", {int64_t{2}, int64_t{1}, int64_t{0}, "A"s}},
      {"missing parent (foreign key)", {int64_t{3}, int64_t{99}, int64_t{0}, "C"s}},
      {"check constraint", {int64_t{4}, int64_t{1}, int64_t{-1}, "D"s}},
      {"NOT NULL", {int64_t{5}, nullptr, int64_t{0}, "E"s}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Status status = db().write([&](Session& s) -> Status {
      // Written first, so that a rollback that missed it makes the next case fail differently.
      SHEQU_TRY(s.execute("INSERT INTO parent (id) VALUES ($1)", std::vector<Value>{int64_t{100}}));
      SHEQU_TRY(s.execute("INSERT INTO child (id, parent_id, qty, code) VALUES ($1, $2, $3, $4)",
                          c.child));
      return {};
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::conflict) << explain(status);
    EXPECT_EQ(status.error().message, kConflict);  // the server's words stay out of the message
    EXPECT_FALSE(status.error().internal_detail.empty());
  }
  EXPECT_EQ(single("SELECT count(*) FROM parent"), Value{int64_t{1}});
  EXPECT_EQ(single("SELECT count(*) FROM child"), Value{int64_t{1}});
}

TEST_P(DatabaseContractTest, ExecuteReturnsTheNumberOfRowsChanged) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY, grp TEXT)");
  struct Step {
    const char* sql;
    std::vector<Value> params;
    int64_t changed;
  };
  const std::vector<Step> steps = {
      {"INSERT INTO t (id, grp) VALUES ($1, $2)", {int64_t{1}, "a"s}, 1},
      {"INSERT INTO t (id, grp) VALUES ($1, $2), ($3, $4)",
       {int64_t{2}, "a"s, int64_t{3}, "b"s},
       2},
      {"UPDATE t SET grp = $1 WHERE grp = $2", {"c"s, "a"s}, 2},
      {"UPDATE t SET grp = $1 WHERE id = $2", {"x"s, int64_t{99}}, 0},
      {"DELETE FROM t WHERE grp = $1", {"c"s}, 2},
      {"DELETE FROM t", {}, 1},
  };
  const Status status = db().write([&](Session& s) -> Status {
    for (const Step& step : steps) {
      SCOPED_TRACE(step.sql);
      SHEQU_ASSIGN_OR_RETURN(int64_t changed, s.execute(step.sql, step.params));
      EXPECT_EQ(changed, step.changed);
    }
    return {};
  });
  EXPECT_TRUE(status) << explain(status);
}

TEST_P(DatabaseContractTest, QueryOneGivesTheFirstRowOrNothing) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  ASSERT_TRUE(write("INSERT INTO t (id) VALUES (1), (2)"));
  const Status status = db().read([](Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> none,
                           s.query_one("SELECT id FROM t WHERE id = $1", std::vector<Value>{99}));
    EXPECT_FALSE(none.has_value());
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> first, s.query_one("SELECT id FROM t ORDER BY id"));
    EXPECT_EQ(first.value().integer(0), 1);
    return {};
  });
  EXPECT_TRUE(status) << explain(status);
}

TEST_P(DatabaseContractTest, InsertReturningGivesTheGeneratedId) {
  create("CREATE TABLE item (id @AUTO_ID@, name TEXT NOT NULL)");
  auto ids = db().write_value<std::vector<int64_t>>([](Session& s) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> out;
    for (const std::string name : {"甲", "乙"}) {
      SHEQU_ASSIGN_OR_RETURN(std::optional<Row> row,
                             s.query_one("INSERT INTO item (name) VALUES ($1) RETURNING id",
                                         std::vector<Value>{name}));
      out.push_back(row.value().integer(0));
    }
    return out;
  });
  ASSERT_TRUE(ids) << explain(ids);
  EXPECT_EQ(*ids, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(single("SELECT name FROM item WHERE id = $1", {int64_t{2}}), Value{"乙"s});
}

// An import reserves ids and inserts many rows with them (storage/bulk_insert.hpp): the ids are
// above every id the table has given, even one deleted since, and no later insert takes them;
// the rows are stored as given, in any number (PostgreSQL sends them 50 a statement); a bad
// row fails the whole unit of work.
TEST_P(DatabaseContractTest, ReservedIdsCarryManyRowsThatNoOtherInsertCollidesWith) {
  create("CREATE TABLE item (id @AUTO_ID@, name TEXT NOT NULL, n BIGINT)");
  for (const char* name : {"甲", "乙", "丙"}) {
    ASSERT_TRUE(write("INSERT INTO item (name) VALUES ($1)", {std::string(name)}));
  }
  ASSERT_TRUE(write("DELETE FROM item WHERE id = 3"));
  constexpr std::size_t kRows = 123;
  static constexpr std::string_view kColumns[] = {"id", "name", "n"};
  std::vector<int64_t> reserved;
  int64_t later = 0;
  const Status written = db().write([&](Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(reserved, reserve_ids(s, "item", kRows));
    std::vector<std::vector<Value>> items;
    for (std::size_t i = 0; i < kRows; ++i) {
      items.push_back({reserved[i], fmt::format("第{}项", i), static_cast<int64_t>(i * i)});
    }
    SHEQU_TRY(insert_rows(s, "item", kColumns, items));
    SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("INSERT INTO item (name) VALUES ('后来') "
                                                 "RETURNING id"));
    later = row->integer(0);
    return {};
  });
  ASSERT_TRUE(written) << explain(written);
  ASSERT_EQ(reserved.size(), kRows);
  EXPECT_GT(reserved.front(), 3);
  EXPECT_TRUE(std::is_sorted(reserved.begin(), reserved.end()));
  EXPECT_EQ(std::adjacent_find(reserved.begin(), reserved.end()), reserved.end());
  EXPECT_GT(later, reserved.back());
  const Rows stored =
      rows("SELECT id, name, n FROM item WHERE id > 3 AND id < $1 ORDER BY id", {later});
  ASSERT_EQ(stored.size(), kRows);
  for (std::size_t i = 0; i < kRows; ++i) {
    EXPECT_EQ(stored[i].integer(0), reserved[i]);
    EXPECT_EQ(stored[i].text(1), fmt::format("第{}项", i));
    EXPECT_EQ(stored[i].integer(2), static_cast<int64_t>(i * i));
  }

  const Status refused = db().write([&](Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(const std::vector<int64_t> ids, reserve_ids(s, "item", 60));
    std::vector<std::vector<Value>> items;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      items.push_back({ids[i], i == 55 ? Value(nullptr) : Value("坏"s), int64_t{0}});
    }
    return insert_rows(s, "item", kColumns, items);
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM item WHERE name = '坏'").at(0).integer(0), 0);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM item").at(0).integer(0), static_cast<int64_t>(kRows + 3));
}

TEST_P(DatabaseContractTest, ForEachStreamsRowsAndStopsAtTheFirstError) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  ASSERT_TRUE(db().write([](Session& s) -> Status {
    for (int64_t id = 1; id <= 100; ++id) {
      SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES ($1)", std::vector<Value>{id}));
    }
    return {};
  }));

  std::vector<int64_t> seen;
  const Status all = db().read([&](Session& s) {
    return s.for_each("SELECT id FROM t WHERE id > $1 ORDER BY id", std::vector<Value>{0},
                      [&](const Row& row) -> Status {
                        seen.push_back(row.integer(0));
                        return {};
                      });
  });
  ASSERT_TRUE(all) << explain(all);
  ASSERT_EQ(seen.size(), 100u);
  EXPECT_EQ(seen.front(), 1);
  EXPECT_EQ(seen.back(), 100);

  int calls = 0;
  int rows_after = 0;
  Status stopped;
  const Status rest = db().read([&](Session& s) -> Status {
    stopped = s.for_each("SELECT id FROM t ORDER BY id", {}, [&](const Row&) -> Status {
      if (++calls == 10) return Error::not_found({"够了", "enough"});
      return {};
    });
    // The work may carry on in the same transaction after stopping a stream, even with the
    // same statement.
    return s.for_each("SELECT id FROM t ORDER BY id", {}, [&](const Row&) -> Status {
      ++rows_after;
      return {};
    });
  });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, ErrorCode::not_found);
  EXPECT_EQ(calls, 10);
  EXPECT_TRUE(rest) << explain(rest);
  EXPECT_EQ(rows_after, 100);
}

TEST_P(DatabaseContractTest, ContainsSearchesMatchWildcardsAsThemselves) {
  create("CREATE TABLE named (name TEXT NOT NULL)");
  const std::vector<std::string> all = {"a%b", "a\\b", "a_b", "axb"};
  for (const std::string& name : all) {
    const Status inserted = write("INSERT INTO named (name) VALUES ($1)", {name});
    ASSERT_TRUE(inserted) << explain(inserted);
  }
  // Sorted here, not by SQL: the backends' collations order punctuation differently.
  auto found = [&](std::string_view text) {
    std::vector<std::string> names;
    for (const Row& row :
         rows("SELECT name FROM named WHERE name LIKE $1 ESCAPE '\\'", {like_contains(text)})) {
      names.push_back(row.text(0));
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  EXPECT_EQ(found("%"), std::vector<std::string>{"a%b"});
  EXPECT_EQ(found("_"), std::vector<std::string>{"a_b"});
  EXPECT_EQ(found("\\"), std::vector<std::string>{"a\\b"});
  EXPECT_EQ(found("a%"), std::vector<std::string>{"a%b"});
  EXPECT_EQ(found("x"), std::vector<std::string>{"axb"});
  EXPECT_EQ(found("a"), all);
  EXPECT_EQ(found(""), all);
}

TEST_P(DatabaseContractTest, ContainsTextFoldsAsciiCaseAloneTheSameOnEveryBackend) {
  // Names a search may meet: pinyin in any case, Chinese, Latin letters beyond ASCII in both
  // cases, full-width letters, wildcards.
  const std::vector<std::string> all = {"WANG Lei", "wang fang", "Wáng Fāng", "WÁNG FĀNG", "王芳",
                                        "Ärzte",    "ärzte",     "ＷＡＮＧ",  "ｗａｎｇ",  "Straße",
                                        "STRASSE",  "50%_OFF",   "a\\b"};
  std::string table = "named";
  auto search = [&](std::string_view text) {
    std::vector<Value> params;
    const std::string where = contains_text({"name", "alias"}, text, params);
    std::vector<std::string> names;
    for (const Row& row : rows("SELECT name FROM " + table + " WHERE " + where, params)) {
      names.push_back(row.text(0));
    }
    std::sort(names.begin(), names.end());  // here, not in SQL: the collations differ
    return names;
  };
  using Names = std::vector<std::string>;
  auto expect_the_contract = [&] {
    EXPECT_EQ(search("wang"), (Names{"WANG Lei", "wang fang"}));
    EXPECT_EQ(search("WANG"), (Names{"WANG Lei", "wang fang"}));
    EXPECT_EQ(search("wáng"), (Names{"Wáng Fāng"}));  // á is not folded: not 'WÁNG'
    EXPECT_EQ(search("WÁNG"), (Names{"WÁNG FĀNG"}));
    EXPECT_EQ(search("äRZTE"), (Names{"ärzte"}));
    EXPECT_EQ(search("Ä"), (Names{"Ärzte"}));
    EXPECT_EQ(search("ｗａｎｇ"), (Names{"ｗａｎｇ"}));  // nor are full-width letters
    EXPECT_EQ(search("ß"), (Names{"Straße"}));           // nor expanded
    EXPECT_EQ(search("strasse"), (Names{"STRASSE"}));
    EXPECT_EQ(search("王"), (Names{"王芳"}));
    EXPECT_EQ(search("%_o"), (Names{"50%_OFF"}));
    EXPECT_EQ(search("_"), (Names{"50%_OFF"}));
    EXPECT_EQ(search("\\"), (Names{"a\\b"}));
    EXPECT_EQ(search("nobody"), (Names{}));
    EXPECT_EQ(search("").size(), all.size());
    // The second column is searched too.
    EXPECT_EQ(search("alias of wang lei"), (Names{"WANG Lei"}));
  };
  auto fill = [&] {
    for (const std::string& name : all) {
      const std::string alias = name == "WANG Lei" ? "Alias of Wang Lei" : "";
      const Status inserted =
          write("INSERT INTO " + table + " (name, alias) VALUES ($1, $2)", {name, alias});
      ASSERT_TRUE(inserted) << explain(inserted);
    }
  };
  create("CREATE TABLE named (name TEXT NOT NULL, alias TEXT NOT NULL)");
  fill();
  expect_the_contract();
  if (GetParam() == Backend::postgres) {
    // The test server runs without a locale, where lower() folds ASCII alone anyway. A
    // province's server may run in zh_CN.UTF-8, whose lower() folds 'Ä' too: with columns in a
    // Unicode collation that folds everything, the answers must not change.
    table = "named_icu";
    create(
        "CREATE TABLE named_icu (name TEXT COLLATE \"und-x-icu\" NOT NULL, "
        "alias TEXT COLLATE \"und-x-icu\" NOT NULL)");
    fill();
    EXPECT_EQ(rows("SELECT lower(name) FROM named_icu WHERE name = 'Ärzte'")[0].text(0), "ärzte");
    expect_the_contract();
  }
}

TEST_P(DatabaseContractTest, MigrateAppliesTheShippedMigrationsOnce) {
  const auto registry = app::make_registry(modules::all());
  const std::vector<Migration>& shipped = registry->migrations();
  ASSERT_FALSE(shipped.empty());
  std::vector<int> versions;
  for (const Migration& m : shipped) versions.push_back(m.version);

  auto first = migrate(db(), shipped);
  ASSERT_TRUE(first) << explain(first);
  EXPECT_EQ(first->applied, versions);
  EXPECT_EQ(first->current_version, versions.back());

  auto second = migrate(db(), shipped);
  ASSERT_TRUE(second) << explain(second);
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->current_version, versions.back());

  auto pending = pending_migrations(db(), shipped);
  ASSERT_TRUE(pending) << explain(pending);
  EXPECT_TRUE(pending->empty());
  EXPECT_EQ(single("SELECT count(*) FROM org_unit"), Value{int64_t{0}});
}

TEST_P(DatabaseContractTest, MigrateRefusesADatabaseNewerThanTheBinary) {
  const auto registry = app::make_registry(modules::all());
  ASSERT_TRUE(migrate(db(), registry->migrations()));
  ASSERT_TRUE(write("INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)",
                    {int64_t{9999}, "9999_from_the_future"s, "2030-01-01T00:00:00.000Z"s}));
  auto refused = migrate(db(), registry->migrations());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
}

TEST_P(DatabaseContractTest, ConcurrentWritesAreAllCounted) {
  create("CREATE TABLE c (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
  ASSERT_TRUE(write("INSERT INTO c (id, n) VALUES (1, 0)"));
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 50;
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        // A single UPDATE is atomic under READ COMMITTED as well: no increment is lost.
        const Status status = write("UPDATE c SET n = n + 1 WHERE id = 1");
        if (!status) {
          std::lock_guard lock(mutex);
          failures.push_back(explain(status));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
  EXPECT_EQ(single("SELECT n FROM c WHERE id = 1"), Value{int64_t{kThreads * kWritesPerThread}});
}

// Writers that arrive together (on SQLite they share a batch and one commit) are each answered
// only once their own row is stored, and a read that starts after the answer sees it.
TEST_P(DatabaseContractTest, EveryAcknowledgedConcurrentWriteIsStoredAndReadable) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY, writer BIGINT NOT NULL)");
  constexpr int kThreads = 16;
  constexpr int kWritesPerThread = 25;
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<int64_t> acknowledged;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        const int64_t id = t * 1000 + i;
        Status status = write("INSERT INTO t (id, writer) VALUES ($1, $2)", {id, int64_t{t}});
        std::optional<Row> seen;
        if (status) {
          status = db().read([&](Session& s) -> Status {
            SHEQU_ASSIGN_OR_RETURN(
                seen, s.query_one("SELECT writer FROM t WHERE id = $1", std::vector<Value>{id}));
            return {};
          });
        }
        std::lock_guard lock(mutex);
        if (!status) {
          failures.push_back(explain(status));
        } else if (!seen || seen->integer(0) != t) {
          failures.push_back(fmt::format("row {} acknowledged but not read back", id));
        } else {
          acknowledged.push_back(id);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
  std::vector<int64_t> stored;
  for (const Row& row : rows("SELECT id FROM t ORDER BY id")) stored.push_back(row.integer(0));
  std::sort(acknowledged.begin(), acknowledged.end());
  EXPECT_EQ(stored, acknowledged);
  EXPECT_EQ(stored.size(), std::size_t{kThreads * kWritesPerThread});
}

// Among concurrent writers, one whose work returns an error, throws or breaks a constraint loses
// its own changes and is told so; everyone else's commit.
TEST_P(DatabaseContractTest, AWriterThatFailsAmongConcurrentOnesFailsAlone) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  ASSERT_TRUE(write("INSERT INTO t (id) VALUES (0)"));
  enum Kind { succeeds, returns_error, throws, conflicts, kinds };
  constexpr int kThreads = 12;
  constexpr int kWritesPerThread = 20;
  const std::string insert = "INSERT INTO t (id) VALUES ($1)";
  std::mutex mutex;
  std::vector<std::string> wrong;
  std::vector<int64_t> expected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        const int64_t id = 1 + t * 1000 + i;
        const Kind kind = static_cast<Kind>((t + i) % kinds);
        Status status;
        bool thrown = false;
        try {
          status = db().write([&](Session& s) -> Status {
            SHEQU_TRY(s.execute(insert, std::vector<Value>{id}));
            switch (kind) {
              case returns_error:
                return Error::invalid("id", {"无效", "invalid"});
              case throws:
                throw std::runtime_error("a fault inside the unit of work");
              case conflicts:
                SHEQU_TRY(s.execute(insert, std::vector<Value>{int64_t{0}}));
                return {};
              default:
                return {};
            }
          });
        } catch (const std::runtime_error&) {
          thrown = true;
        }
        std::lock_guard lock(mutex);
        const bool right =
            kind == succeeds ? status.ok() && !thrown
            : kind == throws ? thrown
            : kind == returns_error
                ? !status && !thrown && status.error().code == ErrorCode::invalid_argument
                : !status && !thrown && status.error().code == ErrorCode::conflict;
        if (!right) {
          wrong.push_back(
              fmt::format("write {} (kind {}): {}", id, static_cast<int>(kind), explain(status)));
        }
        if (kind == succeeds) expected.push_back(id);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " wrong outcomes, first: " << wrong.front();
  std::vector<int64_t> stored;
  for (const Row& row : rows("SELECT id FROM t ORDER BY id")) stored.push_back(row.integer(0));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(stored, expected);
}

// A unit of work that writes through the same database would wait for itself on SQLite; it is
// refused on every backend, and the unit may carry on.
TEST_P(DatabaseContractTest, AWriteFromInsideAUnitOfWorkIsRefused) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  Status nested;
  Status nested_in_read;
  int64_t seen_by_read = -1;
  const Status outer = db().write([&](Session& s) -> Status {
    SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES (1)"));
    nested = write("INSERT INTO t (id) VALUES (2)");
    // A read inside the unit is allowed, sees the last commit, and may not write either.
    SHEQU_TRY(db().read([&](Session& r) -> Status {
      SHEQU_ASSIGN_OR_RETURN(std::optional<Row> count, r.query_one("SELECT count(*) FROM t"));
      seen_by_read = count->integer(0);
      nested_in_read = write("INSERT INTO t (id) VALUES (3)");
      return {};
    }));
    return {};
  });
  ASSERT_TRUE(outer) << explain(outer);
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().code, ErrorCode::internal);
  ASSERT_FALSE(nested_in_read);
  EXPECT_EQ(nested_in_read.error().code, ErrorCode::internal);
  EXPECT_EQ(seen_by_read, 0);
  EXPECT_EQ(rows("SELECT id FROM t").size(), 1u);
  EXPECT_EQ(single("SELECT id FROM t"), Value{int64_t{1}});
  // Outside any unit of work the database writes as before.
  EXPECT_TRUE(write("INSERT INTO t (id) VALUES (4)"));
}

// A deferred foreign key is checked when the write ends, on its own: one left unresolved fails
// that write with conflict and keeps nothing of it (on SQLite without failing the others that
// share its commit, see sqlite_group_commit_test.cpp); one mended before the end is kept.
TEST_P(DatabaseContractTest, AWriteThatLeavesADeferredKeyUnresolvedFailsWithConflict) {
  create("CREATE TABLE p (id BIGINT PRIMARY KEY)");
  create(
      "CREATE TABLE c (id BIGINT PRIMARY KEY, "
      "p_id BIGINT NOT NULL REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)");
  const Status dangles = write("INSERT INTO c (id, p_id) VALUES (1, 7)");
  ASSERT_FALSE(dangles);
  EXPECT_EQ(dangles.error().code, ErrorCode::conflict);
  const Status mends = db().write([&](Session& s) -> Status {
    SHEQU_TRY(s.execute("INSERT INTO c (id, p_id) VALUES (2, 8)"));
    SHEQU_TRY(s.execute("INSERT INTO p (id) VALUES (8)"));
    return {};
  });
  EXPECT_TRUE(mends) << explain(mends);
  EXPECT_EQ(single("SELECT count(*) FROM c"), Value{int64_t{1}});
  EXPECT_EQ(single("SELECT id FROM c"), Value{int64_t{2}});
}

// Reads exactly `size` bytes unless the other end closes first; returns the bytes read.
std::size_t read_fully(int fd, void* buffer, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, static_cast<char*>(buffer) + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

// A process whose writers are killed (SIGKILL) while batches are in flight: every write it had
// acknowledged is in the database when it is opened again. An acknowledgement that came before
// its commit (a batch answered early) would show as a missing row. The OS keeps what a killed
// process wrote, so this checks the order of commit and answer; surviving power loss is what
// synchronous=FULL / fsync=on are for, and is not something a test can cut.
TEST_P(DatabaseContractTest, AcknowledgedWritesSurviveTheWriterBeingKilled) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  constexpr int kThreads = 16;
  constexpr std::size_t kAcknowledgedBeforeKill = 600;
  int acks[2];
  ASSERT_EQ(::pipe(acks), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child: its own database handle; writers acknowledge each id on the pipe once
    // write() has returned ok, and write until killed. It never returns into the test.
    ::close(acks[0]);
    auto opened = open_database(test_->url());
    if (!opened) ::_exit(3);
    Database& db = **opened;
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
      writers.emplace_back([&db, fd = acks[1], t] {
        for (int64_t i = 0;; ++i) {
          int64_t id = t * 100'000'000LL + i;
          const Status status = db.write([&](Session& s) -> Status {
            SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES ($1)", std::vector<Value>{id}));
            return {};
          });
          if (!status) id = -1;  // the parent fails the test on it
          if (::write(fd, &id, sizeof id) != sizeof id || id < 0) ::_exit(4);
        }
      });
    }
    for (std::thread& writer : writers) writer.join();
    ::_exit(5);
  }
  ::close(acks[1]);
  std::vector<int64_t> acknowledged;
  int64_t id = 0;
  while (acknowledged.size() < kAcknowledgedBeforeKill &&
         read_fully(acks[0], &id, sizeof id) == sizeof id) {
    acknowledged.push_back(id);
  }
  ::kill(child, SIGKILL);
  int wait_status = 0;
  ::waitpid(child, &wait_status, 0);
  // Acknowledgements sent just before the kill count too.
  while (read_fully(acks[0], &id, sizeof id) == sizeof id) acknowledged.push_back(id);
  ::close(acks[0]);
  EXPECT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL)
      << "the writer process ended by itself (status " << wait_status << ")";
  ASSERT_GE(acknowledged.size(), kAcknowledgedBeforeKill);
  EXPECT_EQ(std::count(acknowledged.begin(), acknowledged.end(), -1), 0)
      << "a write in the writer process failed";

  auto reopened = open_database(test_->url());
  ASSERT_TRUE(reopened) << explain(reopened);
  auto stored =
      (*reopened)->read_value<std::vector<int64_t>>([](Session& s) -> Result<std::vector<int64_t>> {
        std::vector<int64_t> ids;
        SHEQU_TRY(s.for_each("SELECT id FROM t", {}, [&](const Row& row) -> Status {
          ids.push_back(row.integer(0));
          return {};
        }));
        std::sort(ids.begin(), ids.end());
        return ids;
      });
  ASSERT_TRUE(stored) << explain(stored);
  std::vector<int64_t> missing;
  for (int64_t acked : acknowledged) {
    if (acked >= 0 && !std::binary_search(stored->begin(), stored->end(), acked)) {
      missing.push_back(acked);
    }
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " acknowledged writes are missing, first "
                               << missing.front();
}

TEST_P(DatabaseContractTest, ReadSeesOneSnapshot) {
  create("CREATE TABLE c (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
  ASSERT_TRUE(write("INSERT INTO c (id, n) VALUES (1, 0)"));
  std::vector<Value> seen;
  const Status status = db().read([&](Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> before, s.query_one("SELECT n FROM c WHERE id = 1"));
    seen.push_back(before.value().value(0));
    // Another transaction commits a change while this one is open.
    SHEQU_TRY(write("UPDATE c SET n = 1 WHERE id = 1"));
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> after, s.query_one("SELECT n FROM c WHERE id = 1"));
    seen.push_back(after.value().value(0));
    return {};
  });
  ASSERT_TRUE(status) << explain(status);
  EXPECT_EQ(seen, (std::vector<Value>{int64_t{0}, int64_t{0}}));
  EXPECT_EQ(single("SELECT n FROM c WHERE id = 1"), Value{int64_t{1}});
}

TEST_P(DatabaseContractTest, ReadRefusesToWrite) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  const Status status = db().read([](Session& s) -> Status {
    SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES (1)"));
    return {};
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::internal);
  EXPECT_EQ(single("SELECT count(*) FROM t"), Value{int64_t{0}});
}

TEST_P(DatabaseContractTest, AcknowledgedWriteIsSeenByANewlyOpenedDatabase) {
  create("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  ASSERT_TRUE(write("INSERT INTO t (id) VALUES (7)"));
  auto second = open_database(test_->url());
  ASSERT_TRUE(second) << explain(second);
  auto found = (*second)->read_value<Rows>([](Session& s) { return s.query("SELECT id FROM t"); });
  ASSERT_TRUE(found) << explain(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].integer(0), 7);
}

TEST_P(DatabaseContractTest, DescribeNamesTheDatabaseWithoutItsPassword) {
  EXPECT_EQ(db().dialect(), GetParam() == Backend::sqlite ? Dialect::sqlite : Dialect::postgres);
  if (GetParam() == Backend::sqlite) {
    EXPECT_EQ(db().describe(), test_->url());
    return;
  }
  // The test server trusts loopback connections, so any password opens it.
  const std::string url = test_->url();  // postgresql://user@host:port/db?options=...
  const std::size_t at = url.find('@');
  ASSERT_NE(at, std::string::npos) << url;
  const std::vector<std::string> with_password = {
      url.substr(0, at) + ":s3cret" + url.substr(at),
      url + "&password=s3cret",
  };
  for (const std::string& secret_url : with_password) {
    auto opened = open_database(secret_url);
    ASSERT_TRUE(opened) << explain(opened);
    EXPECT_EQ((*opened)->describe(), url);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseContractTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

TEST(OpenDatabaseTest, RejectsAnUnknownScheme) {
  auto opened = open_database("mysql://x");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::invalid_argument);
  ASSERT_EQ(opened.error().details.size(), 1u);
  EXPECT_EQ(opened.error().details[0].field, "database");
}

TEST(OpenDatabaseTest, RejectsAMalformedPostgresUrl) {
  auto opened = open_database("postgresql://127.0.0.1:5432/x?no_such_setting=1");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::invalid_argument);
}

TEST(OpenDatabaseTest, ReportsAnUnreachablePostgresAsUnavailable) {
  auto opened = open_database("postgresql://postgres:s3cret@127.0.0.1:1/x");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable) << explain(opened);
  EXPECT_EQ(opened.error().internal_detail.find("s3cret"), std::string::npos)
      << opened.error().internal_detail;
}

TEST(PostgresDatabaseTest, ReplacesAPooledConnectionTheServerClosed) {
  auto test = TestDatabase::create(Backend::postgres);
  const auto backend_pid = [&]() {
    return test->db().read_value<int64_t>([](Session& s) -> Result<int64_t> {
      SHEQU_ASSIGN_OR_RETURN(std::optional<Row> row, s.query_one("SELECT pg_backend_pid()"));
      return row.value().integer(0);
    });
  };
  auto before = backend_pid();
  ASSERT_TRUE(before) << explain(before);

  // As a server restart or an idle timeout would, end the pooled connection's backend.
  auto admin = open_database(test->url());
  ASSERT_TRUE(admin) << explain(admin);
  const Status terminated = (*admin)->write([&](Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(
        std::optional<Row> row,
        s.query_one("SELECT pg_terminate_backend($1, 5000)", std::vector<Value>{*before}));
    EXPECT_EQ(row.value().integer(0), 1);
    return {};
  });
  ASSERT_TRUE(terminated) << explain(terminated);

  auto after = backend_pid();
  ASSERT_TRUE(after) << explain(after);
  EXPECT_NE(*after, *before);
}

// BEGIN travels with a transaction's first statement: when that statement fails, the error is
// the statement's, nothing stays, and the connection serves the next transaction.
TEST(PostgresDatabaseTest, AFailingFirstStatementFailsItsTransactionAlone) {
  auto test = TestDatabase::create(Backend::postgres);
  Database& db = test->db();
  ASSERT_TRUE(db.write([](Session& s) {
    return s.execute_script("CREATE TABLE t (id BIGINT PRIMARY KEY); INSERT INTO t VALUES (1)");
  }));
  const struct {
    const char* sql;
    ErrorCode expected;
  } cases[] = {{"INSERT INTO t (id) VALUES (1)", ErrorCode::conflict},
               {"INSERT INTO no_such_table (id) VALUES (2)", ErrorCode::internal},
               {"INSERT INTO t (id) VALUES ('two')", ErrorCode::internal}};
  for (const auto& c : cases) {
    const Status status = db.write([&](Session& s) -> Status {
      SHEQU_TRY(s.execute(c.sql));
      SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES (3)"));
      return {};
    });
    ASSERT_FALSE(status) << c.sql;
    EXPECT_EQ(status.error().code, c.expected) << c.sql << ": " << explain(status);
    const Status read = db.read([&](Session& s) -> Status {
      SHEQU_ASSIGN_OR_RETURN(std::optional<Row> row, s.query_one("SELECT count(*) FROM t"));
      EXPECT_EQ(row.value().integer(0), 1) << c.sql;
      return {};
    });
    EXPECT_TRUE(read) << c.sql << ": " << explain(read);
  }
  // A transaction that runs nothing commits nothing and costs nothing.
  EXPECT_TRUE(db.write([](Session&) -> Status { return {}; }));
  EXPECT_TRUE(db.read([](Session&) -> Status { return {}; }));
}

// A write's first statement on a pooled connection that the server closed meanwhile runs once,
// on a new connection.
TEST(PostgresDatabaseTest, AWriteOnAConnectionTheServerClosedRunsOnceOnANewOne) {
  auto test = TestDatabase::create(Backend::postgres);
  Database& db = test->db();
  ASSERT_TRUE(db.write([](Session& s) { return s.execute_script("CREATE TABLE t (id BIGINT)"); }));
  auto pid = db.read_value<int64_t>([](Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> row, s.query_one("SELECT pg_backend_pid()"));
    return row.value().integer(0);
  });
  ASSERT_TRUE(pid) << explain(pid);
  auto admin = open_database(test->url());
  ASSERT_TRUE(admin) << explain(admin);
  ASSERT_TRUE((*admin)->write([&](Session& s) -> Status {
    SHEQU_TRY(s.query_one("SELECT pg_terminate_backend($1, 5000)", std::vector<Value>{*pid}));
    return {};
  }));
  const Status written = db.write([](Session& s) -> Status {
    SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES (1)"));
    return {};
  });
  ASSERT_TRUE(written) << explain(written);
  auto count = db.read_value<int64_t>([](Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> row, s.query_one("SELECT count(*) FROM t"));
    return row.value().integer(0);
  });
  ASSERT_TRUE(count) << explain(count);
  EXPECT_EQ(*count, 1);
}

TEST(PostgresDatabaseTest, ReportsALostConnectionAsUnavailableAndRecovers) {
  auto test = TestDatabase::create(Backend::postgres);
  const Status lost = test->db().write([](Session& s) -> Status {
    SHEQU_TRY(s.query("SELECT pg_terminate_backend(pg_backend_pid())"));
    return {};
  });
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, ErrorCode::unavailable) << explain(lost);
  const Status next = test->db().read([](Session& s) -> Status {
    SHEQU_TRY(s.query("SELECT 1"));
    return {};
  });
  EXPECT_TRUE(next) << explain(next);
}

// Unlike SQLite, PostgreSQL aborts the whole transaction when one statement fails; work that
// carries on regardless must not be told that its writes were committed.
TEST(PostgresDatabaseTest, ReportsACommitTheServerTurnedIntoARollback) {
  auto test = TestDatabase::create(Backend::postgres);
  Database& db = test->db();
  ASSERT_TRUE(db.write(
      [](Session& s) { return s.execute_script("CREATE TABLE t (id BIGINT PRIMARY KEY)"); }));
  const Status status = db.write([](Session& s) -> Status {
    SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES (1)"));
    (void)s.execute("INSERT INTO t (id) VALUES (1)");  // a conflict, ignored
    return {};
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::internal);
  auto count = db.read_value<int64_t>([](Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> row, s.query_one("SELECT count(*) FROM t"));
    return row.value().integer(0);
  });
  ASSERT_TRUE(count) << explain(count);
  EXPECT_EQ(*count, 0);
}

}  // namespace
}  // namespace shequ::storage
