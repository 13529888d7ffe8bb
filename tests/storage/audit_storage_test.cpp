// The audit log on every backend: the keyed chain and its signed checkpoints catch an edited,
// removed or forged entry, a recomputed chain and a removed tail; retention purges keep the
// chain verifiable; writers do not wait for each other.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "audit/audit_log.hpp"
#include "privacy/keyring.hpp"
#include "support/test_database.hpp"
#include "support/test_services.hpp"

namespace shequ::audit {
namespace {

using shequ::testing::all_backends;
using shequ::testing::Backend;
using shequ::testing::backend_name;
using shequ::testing::TestDatabase;
using storage::Value;

class AuditStorageTest : public ::testing::TestWithParam<Backend> {
 public:  // the tampering cases below reach the fixture through a reference
  void SetUp() override {
    database_ = TestDatabase::create(GetParam());
    services_ = shequ::testing::open_test_services(database_->url(), clock_);
    ASSERT_TRUE(services_);
  }

  const Log& log() { return services_->audit(); }
  storage::Database& db() { return services_->database(); }
  const std::string& checkpoints() { return services_->audit_checkpoints(); }

  void record(const std::string& action, int times) {
    for (int i = 0; i < times; ++i) {
      ASSERT_TRUE(log().record(db(), Who{std::nullopt, "tester", "", "", "127.0.0.1", "r"},
                               {action, "thing", std::to_string(i), "success"}));
    }
  }

  void sql(const std::string& statement, const std::vector<Value>& params = {}) {
    ASSERT_TRUE(db().write([&](storage::Session& s) -> Status {
      SHEQU_TRY(s.execute(statement, params));
      return {};
    })) << statement;
  }

  int64_t count(const std::string& statement) { return shequ::testing::scalar(db(), statement); }

  // What someone who can write the database does to hide an edit: every entry is unsealed and
  // made to look as if written before the chain was keyed, then sealed again under `key`.
  void recompute_chain(const std::array<unsigned char, 32>& key) {
    sql("UPDATE audit_log SET seq = NULL, chain_mac = NULL, row_mac = ''");
    sql("UPDATE audit_legacy SET up_to_id = (SELECT MAX(id) FROM audit_log)");
    const Log attacker(clock_, ChainKeys{key, {}}, services_->registry());
    ASSERT_TRUE(attacker.seal(db()));
  }

  // The chain key, as someone who copied the key file has it.
  std::array<unsigned char, 32> stolen_key() {
    const auto keys = std::filesystem::path(checkpoints()).parent_path() / "personal-data.keys";
    auto keyring = privacy::Keyring::load(keys.string());
    EXPECT_TRUE(keyring);
    return keyring ? keyring->audit_chain_key() : std::array<unsigned char, 32>{};
  }

  Verification verified() {
    auto result = log().verify(db(), checkpoints());
    EXPECT_TRUE(result) << result.error().internal_detail;
    return result ? *result : Verification{};
  }

  ManualClock clock_{parse_date("2026-01-01") + std::chrono::hours(2)};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<app::Services> services_;
};

TEST_P(AuditStorageTest, AnIntactChainVerifiesAndNamesItsHead) {
  record("org.grid.create", 5);
  const auto checkpoint = services_->checkpoint_audit();
  ASSERT_TRUE(checkpoint) << checkpoint.error().internal_detail;
  record("org.grid.update", 2);  // written after the checkpoint, sealed or not
  const Verification v = verified();
  EXPECT_TRUE(v.intact()) << v.problem.en;
  EXPECT_EQ(v.entries + v.pending, count("SELECT COUNT(*) FROM audit_log"));
  EXPECT_EQ(v.head.seq, checkpoint->head.seq + v.entries - checkpoint->head.seq);
  ASSERT_TRUE(v.checkpoint);
  EXPECT_EQ(v.checkpoint->head, checkpoint->head);
  EXPECT_EQ(v.head.chain_mac.size(), 64u);
  // The checkpoint file is private, like the keys.
  struct stat info {};
  ASSERT_EQ(::stat(checkpoints().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

// Each way of tampering, done to a fresh chain of ten sealed, checkpointed entries.
TEST_P(AuditStorageTest, EveryKindOfTamperingIsCaught) {
  struct Case {
    std::string name;
    std::function<void(AuditStorageTest&)> tamper;
  };
  const std::vector<Case> cases{
      {"an edited entry",
       [](AuditStorageTest& t) {
         t.sql("UPDATE audit_log SET result = 'failure' WHERE object_id = '4'");
       }},
      {"a removed entry",
       [](AuditStorageTest& t) { t.sql("DELETE FROM audit_log WHERE object_id = '4'"); }},
      {"a forged entry, inserted without the key",
       [](AuditStorageTest& t) {
         t.sql(
             "INSERT INTO audit_log (occurred_at, username, role, unit_code, action, object_type, "
             "object_id, result, source_ip, request_id, entry_uid, row_mac) VALUES "
             "('2026-01-01T02:00:00.000Z', 'tester', '', '', 'tamper.done', 'thing', 'x', "
             "'success', '', '', 'u', 'f00d')");
       }},
      {"the newest entries removed (a truncated tail)",
       [](AuditStorageTest& t) {
         t.sql("DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 3 FROM audit_log)");
       }},
      {"an entry edited and the whole chain recomputed with a plain hash",
       [](AuditStorageTest& t) {
         t.sql("UPDATE audit_log SET username = 'someone' WHERE object_id = '4'");
         t.recompute_chain(std::array<unsigned char, 32>{});
       }},
      {"an entry edited and the chain recomputed with the stolen key",
       [](AuditStorageTest& t) {
         t.sql("UPDATE audit_log SET username = 'someone' WHERE object_id = '4'");
         t.recompute_chain(t.stolen_key());
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    SetUp();
    record("org.grid.create", 10);
    ASSERT_TRUE(services_->checkpoint_audit());
    ASSERT_TRUE(verified().intact());
    c.tamper(*this);
    const Verification v = verified();
    EXPECT_FALSE(v.intact());
    EXPECT_FALSE(v.problem.en.empty());
  }
}

TEST_P(AuditStorageTest, WithoutACheckpointTheTailCannotBeVouchedFor) {
  record("org.grid.create", 3);
  ASSERT_TRUE(log().seal(db()));
  const Verification v = verified();
  EXPECT_FALSE(v.intact());
  EXPECT_NE(v.problem.en.find("checkpoint"), std::string::npos) << v.problem.en;
  // A line that is not signed with the key does not count as one.
  std::ofstream(checkpoints(), std::ios::app)
      << "shequ-audit-checkpoint/1 seq=1 mac=" << std::string(64, '0')
      << " at=2026-01-01T00:00:00.000Z sig=AAAA\n";
  EXPECT_FALSE(verified().intact());
}

TEST_P(AuditStorageTest, RowsNameTheUnitOfTheObjectSoItsAuditorsSeeThem) {
  std::istringstream divisions(shequ::testing::kSmallDivisions);
  ASSERT_TRUE(services_->org().import_divisions(divisions, "2022-10-31", operator_who()));
  ASSERT_TRUE(
      log().record(db(), Who{int64_t{1}, "chengguan", "county_admin", "620102000000", "", ""},
                   {"auth.password.reset", "user", "wangge1", "success", "", "620102001001"}));
  ASSERT_TRUE(
      log().record(db(), Who{int64_t{1}, "chengguan", "county_admin", "620102000000", "", ""},
                   {"org.grid.update", "grid", "620201001001001", "success", "", "620201001001"}));
  Filter community;
  community.scope_roots = {"620102001001"};
  const auto page = query(db(), community);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].object_unit, "620102001001");
  EXPECT_EQ(page->items[0].unit_code, "620102000000");
}

// The total is counted to a horizon a thousand entries past the page: beyond it the answer says
// "at least", and a page further on moves the horizon with it.
TEST_P(AuditStorageTest, TheTotalIsCountedAThousandPastThePage) {
  const int64_t entries = kCountAhead + 30;
  ASSERT_TRUE(db().write([&](storage::Session& s) -> Status {
    for (int64_t i = 0; i < entries; ++i) {
      SHEQU_TRY(log().append(s, Who{std::nullopt, "tester", "", "", "127.0.0.1", "r"},
                             {"org.grid.update", "grid", std::to_string(i), "success"}));
    }
    return {};
  }));
  Filter filter;
  filter.every_unit = true;
  filter.action = "org.grid.update";
  const auto first = query(db(), filter);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->items.size(), 20u);
  EXPECT_EQ(first->total, 20 + kCountAhead);
  EXPECT_FALSE(first->total_exact);
  filter.offset = 20;
  const auto second = query(db(), filter);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->total, entries);
  EXPECT_TRUE(second->total_exact);
  EXPECT_EQ(second->items.front().object_id, std::to_string(entries - 21));
}

// An action code no module declared is a programming error: it is refused rather than written,
// so the audit log never holds codes the console cannot name.
TEST_P(AuditStorageTest, AnUndeclaredActionIsRefused) {
  const int64_t before = count("SELECT COUNT(*) FROM audit_log");
  const auto written = log().record(db(), Who{std::nullopt, "tester", "", "", "127.0.0.1", "r"},
                                    {"org.grid.launder", "grid", "1", "success"});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::internal);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), before);
}

TEST_P(AuditStorageTest, PurgeKeepsTheRetentionPeriodAuditsItselfAndTheChainHolds) {
  record("org.grid.create", 5);
  clock_.advance(std::chrono::days(200));
  record("org.grid.update", 3);
  const Who operator_who = audit::operator_who();

  // Younger than 184 days may not go.
  const auto too_recent = log().purge(db(), "2026-06-01", operator_who);
  ASSERT_FALSE(too_recent);
  EXPECT_EQ(too_recent.error().details.at(0).field, "before");
  const int64_t before_purge = count("SELECT COUNT(*) FROM audit_log");

  const auto purged = log().purge(db(), "2026-01-15", operator_who);
  ASSERT_TRUE(purged) << purged.error().message.en;
  EXPECT_EQ(purged->removed, before_purge - 3);  // everything before the 200 days
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'org.grid.create'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.purge'"), 1);
  ASSERT_TRUE(services_->checkpoint_audit());
  Verification chain = verified();
  EXPECT_TRUE(chain.intact()) << chain.problem.en;
  EXPECT_EQ(chain.entries, 4);

  // An edit after the purge is still caught, and so is a forged anchor hiding more removals.
  sql("UPDATE audit_log SET username = 'someone' WHERE action = 'org.grid.update' AND object_id = "
      "'1'");
  EXPECT_FALSE(verified().intact());
  sql("UPDATE audit_log SET username = 'tester' WHERE action = 'org.grid.update' AND object_id = "
      "'1'");
  EXPECT_TRUE(verified().intact());
  sql("UPDATE audit_anchor SET last_seq = last_seq + 1");
  EXPECT_FALSE(verified().intact());
}

TEST_P(AuditStorageTest, DaysAreChinaDays) {
  // 2025-12-31 23:30 UTC is 2026-01-01 07:30 in Beijing: a user looking for 1 January finds it.
  clock_.set(parse_date("2025-12-31") + std::chrono::minutes(23 * 60 + 30));
  record("org.grid.create", 1);
  clock_.set(parse_date("2026-01-01") + std::chrono::hours(16));  // 2 January, 00:00 in Beijing
  record("org.grid.update", 1);
  struct Case {
    std::string from, to;
    std::vector<std::string> actions;  // newest first
  };
  const Case cases[] = {
      {"2026-01-01", "2026-01-01", {"org.grid.create"}},
      {"2025-12-31", "2025-12-31", {}},
      {"2026-01-02", "2026-01-02", {"org.grid.update"}},
      {"2026-01-01", "2026-01-02", {"org.grid.update", "org.grid.create"}},
  };
  for (const Case& c : cases) {
    Filter filter;
    filter.every_unit = true;
    filter.from = c.from;
    filter.to = c.to;
    filter.action = std::nullopt;
    const auto page = query(db(), filter);
    ASSERT_TRUE(page);
    std::vector<std::string> actions;
    for (const Entry& e : page->items) {
      if (e.action != "auth.user.create") actions.push_back(e.action);
    }
    EXPECT_EQ(actions, c.actions) << c.from << ".." << c.to;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditStorageTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

// On PostgreSQL many servers write at once: a transaction that has written its audit row and is
// still open must not hold up another one's (the unkeyed chain took a lock until commit).
TEST(AuditWritersTest, AnOpenTransactionDoesNotHoldUpAnotherWriterOnPostgres) {
  auto database = TestDatabase::create(Backend::postgres);
  ManualClock clock{parse_date("2026-01-01")};
  auto services = shequ::testing::open_test_services(database->url(), clock);
  ASSERT_TRUE(services);
  const Who who{std::nullopt, "tester", "", "", "", ""};
  std::promise<void> first_wrote;
  std::promise<void> second_done;
  std::future<void> second_done_seen = second_done.get_future();
  bool second_finished_first = false;
  auto first = std::async(std::launch::async, [&] {
    return services->database().write([&](storage::Session& s) -> Status {
      SHEQU_TRY(services->audit().append(s, who, {"org.grid.create", "grid", "1", "success"}));
      first_wrote.set_value();
      // Held open until the second writer has committed (or long enough to tell it could not).
      second_finished_first =
          second_done_seen.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
      return {};
    });
  });
  first_wrote.get_future().wait();
  ASSERT_TRUE(services->audit().record(services->database(), who,
                                       {"org.grid.update", "grid", "2", "success"}));
  second_done.set_value();
  ASSERT_TRUE(first.get());
  EXPECT_TRUE(second_finished_first);
  ASSERT_TRUE(services->checkpoint_audit());
  EXPECT_TRUE(
      services->audit().verify(services->database(), services->audit_checkpoints())->intact());
}

// A checkpoint vouches for every row committed before it, even while another server holds the
// sealer's lock: it waits for its turn rather than signing an older head (it once skipped, and
// a truncated tail then went unnoticed).
TEST(AuditCheckpointTest, ACheckpointWaitsForAnotherSealerAndVouchesForEveryRow) {
  auto database = TestDatabase::create(Backend::postgres);
  ManualClock clock{parse_date("2026-01-01")};
  auto services = shequ::testing::open_test_services(database->url(), clock);
  ASSERT_TRUE(services);
  const Who who{std::nullopt, "tester", "", "", "", ""};
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(services->audit().record(
        services->database(), who, {"org.grid.create", "grid", std::to_string(i), "success"}));
  }
  std::promise<void> locked;
  std::promise<void> release;
  auto other_sealer = std::async(std::launch::async, [&] {
    return services->database().write([&](storage::Session& s) -> Status {
      const std::vector<Value> key{Log::kSealerLock};
      SHEQU_TRY(s.query("SELECT pg_advisory_xact_lock($1)", key));
      locked.set_value();
      release.get_future().wait_for(std::chrono::seconds(2));
      return {};
    });
  });
  locked.get_future().wait();
  auto checkpoint = std::async(std::launch::async, [&] { return services->checkpoint_audit(); });
  // Long enough for the checkpoint to reach the lock while it is held; it must then wait.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  release.set_value();
  ASSERT_TRUE(other_sealer.get());
  const auto signed_head = checkpoint.get();
  ASSERT_TRUE(signed_head) << signed_head.error().message.en;
  EXPECT_EQ(signed_head->head.seq,
            shequ::testing::scalar(services->database(), "SELECT COUNT(*) FROM audit_log"));
}

}  // namespace
}  // namespace shequ::audit
