// Helpers for suites that run the whole service layer on a test database.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "storage/database.hpp"

namespace shequ::testing {

// Services over `url` with the cheapest Argon2id cost, so that logins take microseconds, and a
// personal-data key file of their own in the temporary folder.
inline std::unique_ptr<app::Services> open_test_services(const std::string& url, const Clock& clock,
                                                         auth::AuthOptions auth_options = {}) {
  static std::atomic<int> serial{0};
  const auto keys = std::filesystem::temp_directory_path() /
                    ("shequ-keys-" + std::to_string(::getpid()) + "-" + std::to_string(++serial));
  std::filesystem::remove(keys);
  auth_options.password_cost = auth::minimal_password_cost();
  app::ServiceOptions options{
      .auth = auth_options, .keys_file = keys.string(), .create_keys = true};
  // No walking network unless a test gives one (never the working copy's var/ file).
  options.circle.network_file = keys.string() + ".no-network";
  auto services = app::Services::open(url, clock, options);
  EXPECT_TRUE(services) << (services ? "" : services.error().internal_detail);
  return services ? std::move(services).value() : nullptr;
}

// The integer in the first column of the first row of one query; -1 (and a failure) on error.
inline int64_t scalar(storage::Database& db, const std::string& sql,
                      const std::vector<storage::Value>& params = {}) {
  auto result = db.read_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(sql, params));
    if (!row) return Error::not_found({"无结果", "no row"});
    return row->integer(0);
  });
  EXPECT_TRUE(result) << sql;
  return result ? *result : -1;
}

}  // namespace shequ::testing
