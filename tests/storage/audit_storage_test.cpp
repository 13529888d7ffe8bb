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

INSTANTIATE_TEST_SUITE_P(Backends, AuditStorageTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::audit
