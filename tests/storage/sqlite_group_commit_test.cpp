// SQLite's group commit (docs/adr/0021): how units of work that wait together are batched into
// one transaction and one commit. The outcomes every caller can rely on, on both backends, are in
// database_contract_test.cpp; here the batches themselves are made deterministic: a first unit
// of work holds the lead until the others have queued behind it, one after the other.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "storage/database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace shequ::storage {
namespace {

using Work = std::function<Status(Session&)>;

struct Outcome {
  Status status;
  bool thrown = false;
};

class SqliteGroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              fmt::format("shequ-group-commit-{:016x}", std::random_device{}() * 65537ULL);
    std::filesystem::create_directories(folder_);
  }

  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(folder_);
  }

  // Opens the test database with these batch bounds and creates table t.
  Database& open(SqliteOptions options) {
    auto opened = open_sqlite_database((folder_ / "test.db").string(), options);
    if (!opened) throw std::runtime_error(opened.error().internal_detail);
    db_ = std::move(opened).value();
    const Status created = db_->write(
        [](Session& s) { return s.execute_script("CREATE TABLE t (id INTEGER PRIMARY KEY)"); });
    if (!created) throw std::runtime_error(created.error().internal_detail);
    return *db_;
  }

  // Writes `first` once every unit of `queued` waits behind it in this order: the first write
  // leads a batch and holds it until the last of the others has queued. Returns the outcome of
  // each write, first's first.
  std::vector<Outcome> write_queued(const Work& first, const std::vector<Work>& queued) {
    std::vector<Outcome> outcomes(1 + queued.size());
    auto run = [&](std::size_t k, const Work& work) {
      try {
        outcomes[k].status = db_->write(work);
      } catch (const std::runtime_error&) {
        outcomes[k].thrown = true;
      }
    };
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::vector<std::thread> threads;
    const Work holding = [&](Session& s) -> Status {
      started.set_value();
      released.wait();
      return first(s);
    };
    threads.emplace_back(run, 0, std::cref(holding));
    started.get_future().wait();
    for (std::size_t k = 0; k < queued.size(); ++k) {
      threads.emplace_back(run, k + 1, std::cref(queued[k]));
      // The queue is ordered by arrival: wait until this writer has queued before the next one.
      while (db_->write_stats().waiting != static_cast<int64_t>(k + 1)) {
        std::this_thread::yield();
      }
    }
    release.set_value();
    for (std::thread& thread : threads) thread.join();
    return outcomes;
  }

  std::vector<int64_t> stored_ids() {
    auto ids =
        db_->read_value<std::vector<int64_t>>([](Session& s) -> Result<std::vector<int64_t>> {
          SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT id FROM t ORDER BY id"));
          std::vector<int64_t> out;
          for (const Row& row : rows) out.push_back(row.integer(0));
          return out;
        });
    EXPECT_TRUE(ids);
    return ids ? std::move(ids).value() : std::vector<int64_t>{};
  }

  std::unique_ptr<Database> db_;

 private:
  std::filesystem::path folder_;
};

Work insert(int64_t id) {
  return [id](Session& s) -> Status {
    SHEQU_TRY(s.execute("INSERT INTO t (id) VALUES ($1)", std::vector<Value>{id}));
    return {};
  };
}

// Whether `id` is in t as `s` sees it.
bool has(Session& s, int64_t id) {
  auto row = s.query_one("SELECT 1 FROM t WHERE id = $1", std::vector<Value>{id});
  return row && row->has_value();
}

constexpr auto kUnbounded = std::chrono::hours(1);

TEST_F(SqliteGroupCommitTest, WaitingWritersShareOneCommitAndFailAlone) {
  Database& db = open({.max_batch_units = 64, .max_batch_time = kUnbounded});
  const WriteStats before = db.write_stats();
  bool third_sees_first = false;
  bool third_sees_failed = true;
  bool reader_sees_first = true;
  const std::vector<Work> queued = {
      insert(1),
      [](Session& s) -> Status {
        SHEQU_TRY(insert(2)(s));
        return Error::invalid("id", {"无效", "invalid"});
      },
      [&](Session& s) -> Status {
        // The units before it in the batch are visible to it, not yet to anyone else.
        third_sees_first = has(s, 1);
        third_sees_failed = has(s, 2);
        SHEQU_TRY(db.read([&](Session& r) -> Status {
          reader_sees_first = has(r, 1);
          return {};
        }));
        return insert(3)(s);
      },
      [](Session& s) -> Status {
        SHEQU_TRY(insert(4)(s));
        throw std::runtime_error("a fault inside the unit of work");
      },
      insert(5),
  };
  const std::vector<Outcome> outcomes = write_queued(insert(0), queued);

  ASSERT_EQ(outcomes.size(), 6u);
  for (std::size_t k : {0, 1, 3, 5}) {
    EXPECT_TRUE(outcomes[k].status && !outcomes[k].thrown) << "write " << k;
  }
  ASSERT_FALSE(outcomes[2].status);
  EXPECT_EQ(outcomes[2].status.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(outcomes[4].thrown);
  EXPECT_TRUE(third_sees_first);
  EXPECT_FALSE(third_sees_failed);
  EXPECT_FALSE(reader_sees_first);
  EXPECT_EQ(stored_ids(), (std::vector<int64_t>{0, 1, 3, 5}));
  const WriteStats after = db.write_stats();
  EXPECT_EQ(after.units - before.units, 6);
  EXPECT_EQ(after.commits - before.commits, 1);
  EXPECT_EQ(after.waiting, 0);
}

// The unit that leads a batch runs without a savepoint (it is rolled back with the
// transaction): however it fails, nothing of it stays and the units queued behind it commit.
TEST_F(SqliteGroupCommitTest, TheLeadersOwnFailureLeavesTheOthersCommitted) {
  struct Case {
    const char* name;
    Work leader;
    bool thrown;
    ErrorCode code;
  };
  const std::vector<Case> cases = {
      {"throws",
       [](Session& s) -> Status {
         SHEQU_TRY(insert(10)(s));
         throw std::runtime_error("a fault inside the leader's unit of work");
       },
       true, ErrorCode::internal},
      {"returns an error",
       [](Session& s) -> Status {
         SHEQU_TRY(insert(10)(s));
         return Error::invalid("id", {"无效", "invalid"});
       },
       false, ErrorCode::invalid_argument},
      {"breaks a constraint",
       [](Session& s) -> Status {
         SHEQU_TRY(insert(10)(s));
         return insert(10)(s);
       },
       false, ErrorCode::conflict},
      {"leaves a deferred key unresolved",
       [](Session& s) -> Status {
         SHEQU_TRY(insert(10)(s));
         SHEQU_TRY(s.execute("INSERT INTO c (id, t_id) VALUES (1, 99)"));
         return {};
       },
       false, ErrorCode::conflict},
  };
  Database& db = open({.max_batch_units = 64, .max_batch_time = kUnbounded});
  ASSERT_TRUE(db.write([](Session& s) {
    return s.execute_script(
        "CREATE TABLE c (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL "
        "REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)");
  }));
  int64_t next = 0;
  std::vector<int64_t> committed;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const WriteStats before = db.write_stats();
    const std::vector<Outcome> outcomes = write_queued(c.leader, {insert(next), insert(next + 1)});
    EXPECT_EQ(outcomes[0].thrown, c.thrown);
    if (!c.thrown) {
      ASSERT_FALSE(outcomes[0].status);
      EXPECT_EQ(outcomes[0].status.error().code, c.code);
    }
    EXPECT_TRUE(outcomes[1].status && outcomes[2].status);
    committed.insert(committed.end(), {next, next + 1});
    next += 2;
    EXPECT_EQ(stored_ids(), committed);
    EXPECT_EQ(db.write_stats().commits - before.commits, 1);
  }
}

TEST_F(SqliteGroupCommitTest, ABatchTakesNoMoreUnitsThanItsBound) {
  Database& db = open({.max_batch_units = 3, .max_batch_time = kUnbounded});
  const WriteStats before = db.write_stats();
  const std::vector<Outcome> outcomes =
      write_queued(insert(0), {insert(1), insert(2), insert(3), insert(4), insert(5), insert(6)});
  for (const Outcome& outcome : outcomes) EXPECT_TRUE(outcome.status && !outcome.thrown);
  EXPECT_EQ(stored_ids(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(db.write_stats().commits - before.commits, 3);  // 0-2, 3-5, 6
}

TEST_F(SqliteGroupCommitTest, ABatchTakesNoMoreUnitsOnceItsTimeIsUp) {
  // No time at all: every batch holds only the unit that began it.
  Database& db = open({.max_batch_units = 64, .max_batch_time = std::chrono::microseconds(0)});
  const WriteStats before = db.write_stats();
  const std::vector<Outcome> outcomes = write_queued(insert(0), {insert(1), insert(2)});
  for (const Outcome& outcome : outcomes) EXPECT_TRUE(outcome.status && !outcome.thrown);
  EXPECT_EQ(db.write_stats().commits - before.commits, 3);
}

// SQLite rolls back the whole transaction under some failures (here INSERT OR ROLLBACK, in
// production a full disk or an I/O error): the units that ran before in the same batch lose
// their changes too and must not be told they were committed; the units after it get a new one.
TEST_F(SqliteGroupCommitTest, AUnitThatEndsTheSharedTransactionFailsTheUnitsBeforeIt) {
  Database& db = open({.max_batch_units = 64, .max_batch_time = kUnbounded});
  const Work rolls_back = [](Session& s) -> Status {
    SHEQU_TRY(s.execute("INSERT OR ROLLBACK INTO t (id) VALUES (1)"));
    return {};
  };
  const std::vector<Outcome> outcomes = write_queued(insert(0), {insert(1), rolls_back, insert(3)});
  ASSERT_FALSE(outcomes[0].status);
  EXPECT_EQ(outcomes[0].status.error().code, ErrorCode::unavailable);
  ASSERT_FALSE(outcomes[1].status);
  EXPECT_EQ(outcomes[1].status.error().code, ErrorCode::unavailable);
  ASSERT_FALSE(outcomes[2].status);
  EXPECT_EQ(outcomes[2].status.error().code, ErrorCode::conflict);
  EXPECT_TRUE(outcomes[3].status);
  EXPECT_EQ(stored_ids(), (std::vector<int64_t>{3}));
  EXPECT_TRUE(db.write(insert(4)));
  EXPECT_EQ(stored_ids(), (std::vector<int64_t>{3, 4}));
}

// A commit that fails (a full disk, an I/O error; here refused by a commit hook) takes every unit
// of the batch with it: each caller whose unit had succeeded is told its write failed, a unit that
// had failed keeps its own error, nothing is stored, and the next batch commits as usual.
TEST_F(SqliteGroupCommitTest, AFailedCommitIsReportedToEveryUnitOfTheBatch) {
  std::atomic<bool> refuse{false};
  Database& db =
      open({.max_batch_units = 64, .max_batch_time = kUnbounded, .fail_commit = [&refuse] {
              return refuse.load();
            }});
  const WriteStats before = db.write_stats();
  refuse = true;
  const Work fails = [](Session& s) -> Status {
    SHEQU_TRY(insert(2)(s));
    return Error::invalid("id", {"无效", "invalid"});
  };
  const std::vector<Outcome> outcomes =
      write_queued(insert(0), {insert(1), fails, insert(3), insert(4)});
  refuse = false;
  ASSERT_EQ(outcomes.size(), 5u);
  for (std::size_t k : {0, 1, 3, 4}) {
    ASSERT_FALSE(outcomes[k].status) << "write " << k << " was told it was committed";
    EXPECT_EQ(outcomes[k].status.error().internal_detail,
              outcomes[0].status.error().internal_detail);
    EXPECT_FALSE(outcomes[k].thrown);
  }
  ASSERT_FALSE(outcomes[2].status);
  EXPECT_EQ(outcomes[2].status.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(stored_ids(), std::vector<int64_t>{});
  EXPECT_EQ(db.write_stats().commits - before.commits, 0);
  EXPECT_EQ(db.write_stats().units - before.units, 5);
  // The writer connection is out of the failed transaction and commits the next batch.
  EXPECT_TRUE(db.write(insert(5)));
  EXPECT_EQ(stored_ids(), std::vector<int64_t>{5});
}

// A deferred foreign key is checked at COMMIT: a unit that leaves one unresolved would fail the
// whole shared commit. It fails alone, as it would have failed its own serial commit, while a
// unit that breaks one and mends it before it ends is kept.
TEST_F(SqliteGroupCommitTest, AUnitThatLeavesADeferredKeyUnresolvedFailsAlone) {
  Database& db = open({.max_batch_units = 64, .max_batch_time = kUnbounded});
  ASSERT_TRUE(db.write([](Session& s) {
    return s.execute_script(
        "CREATE TABLE c (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL "
        "REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)");
  }));
  const WriteStats before = db.write_stats();
  auto child = [](int64_t id, int64_t parent) {
    return [id, parent](Session& s) -> Status {
      SHEQU_TRY(
          s.execute("INSERT INTO c (id, t_id) VALUES ($1, $2)", std::vector<Value>{id, parent}));
      return {};
    };
  };
  const Work mends = [&](Session& s) -> Status {
    SHEQU_TRY(child(11, 1)(s));  // t 1 does not exist yet
    return insert(1)(s);
  };
  const Work dangles = child(12, 99);
  const std::vector<Outcome> outcomes =
      write_queued(insert(0), {mends, dangles, child(13, 0), insert(3)});
  for (std::size_t k : {0, 1, 3, 4}) {
    EXPECT_TRUE(outcomes[k].status && !outcomes[k].thrown) << "write " << k;
  }
  ASSERT_FALSE(outcomes[2].status);
  EXPECT_EQ(outcomes[2].status.error().code, ErrorCode::conflict);
  EXPECT_EQ(stored_ids(), (std::vector<int64_t>{0, 1, 3}));
  auto children = db.read_value<int64_t>([](Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(std::optional<Row> row,
                           s.query_one("SELECT count(*) FROM c WHERE id IN (11, 13)"));
    return row->integer(0);
  });
  ASSERT_TRUE(children);
  EXPECT_EQ(*children, 2);
  EXPECT_EQ(db.write_stats().commits - before.commits, 1);
}

}  // namespace
}  // namespace shequ::storage
