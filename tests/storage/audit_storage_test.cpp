// The audit log on every backend: retention, purging that is itself audited, and the chain
// still verifying (and still catching edits) after a purge.
#include <gtest/gtest.h>

#include "audit/audit_log.hpp"
#include "support/test_database.hpp"
#include "support/test_services.hpp"

namespace shequ::audit {
namespace {

using shequ::testing::all_backends;
using shequ::testing::Backend;
using shequ::testing::backend_name;
using shequ::testing::TestDatabase;

class AuditStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = TestDatabase::create(GetParam());
    services_ = shequ::testing::open_test_services(database_->url(), clock_);
    ASSERT_TRUE(services_);
  }

  void record(const std::string& action, int times) {
    for (int i = 0; i < times; ++i) {
      ASSERT_TRUE(services_->database().write([&](storage::Session& s) {
        return append(s, clock_, Who{std::nullopt, "tester", "", "", "127.0.0.1", "r"},
                      {action, "thing", std::to_string(i), "success"});
      }));
    }
  }

  int64_t count(const std::string& sql) {
    return shequ::testing::scalar(services_->database(), sql);
  }

  ManualClock clock_{parse_date("2026-01-01") + std::chrono::hours(2)};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<app::Services> services_;
};

TEST_P(AuditStorageTest, PurgeKeepsTheRetentionPeriodAuditsItselfAndTheChainHolds) {
  record("old.action", 5);
  clock_.advance(std::chrono::days(200));
  record("new.action", 3);
  const Who operator_who = audit::operator_who();

  // Younger than 184 days may not go.
  const auto too_recent = purge(services_->database(), clock_, "2026-06-01", operator_who);
  ASSERT_FALSE(too_recent);
  EXPECT_EQ(too_recent.error().details.at(0).field, "before");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 8);

  const auto purged = purge(services_->database(), clock_, "2026-01-15", operator_who);
  ASSERT_TRUE(purged) << purged.error().message.en;
  EXPECT_EQ(purged->removed, 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'old.action'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.purge'"), 1);
  auto chain = verify(services_->database());
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->entries, 4);
  EXPECT_FALSE(chain->first_broken_id);

  // An edit after the purge is still caught.
  ASSERT_TRUE(services_->database().write([](storage::Session& s) -> Status {
    SHEQU_TRY(
        s.execute("UPDATE audit_log SET username = 'someone' WHERE action = 'new.action' AND "
                  "object_id = '1'"));
    return {};
  }));
  chain = verify(services_->database());
  ASSERT_TRUE(chain);
  EXPECT_TRUE(chain->first_broken_id);
}

TEST_P(AuditStorageTest, DaysAreChinaDays) {
  // 2025-12-31 23:30 UTC is 2026-01-01 07:30 in Beijing: a user looking for 1 January finds it.
  clock_.set(parse_date("2025-12-31") + std::chrono::minutes(23 * 60 + 30));
  record("early.morning", 1);
  clock_.set(parse_date("2026-01-01") + std::chrono::hours(16));  // 2 January, 00:00 in Beijing
  record("next.day", 1);
  struct Case {
    std::string from, to;
    std::vector<std::string> actions;  // newest first
  };
  const Case cases[] = {
      {"2026-01-01", "2026-01-01", {"early.morning"}},
      {"2025-12-31", "2025-12-31", {}},
      {"2026-01-02", "2026-01-02", {"next.day"}},
      {"2026-01-01", "2026-01-02", {"next.day", "early.morning"}},
  };
  for (const Case& c : cases) {
    Filter filter;
    filter.from = c.from;
    filter.to = c.to;
    filter.action = std::nullopt;
    const auto page = query(services_->database(), filter);
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

}  // namespace
}  // namespace shequ::audit
