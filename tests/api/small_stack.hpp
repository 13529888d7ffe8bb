// A whole `shequ serve` stack over a fresh database holding a small slice of the hierarchy
// (province > Lanzhou > Chengguan > two streets > three communities, plus Jiayuguan as another
// branch) and the demo accounts, one per test: cheap enough that a test may move the clock.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "common/clock.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"
#include "support/test_services.hpp"

namespace shequ::testing {

class SmallStackTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = TestDatabase::create(GetParam());
    services_ =
        open_test_services(database_->url(), clock_, auth_options_, cheap_passwords_, settings_);
    ASSERT_TRUE(services_);
    divisions_ = std::filesystem::temp_directory_path() /
                 ("shequ-small-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + ".csv");
    std::ofstream(divisions_) << divisions_csv_;
    auto init = app::initialise(
        *services_,
        {.demo = true, .demo_province = demo_province_, .divisions_file = divisions_.string()});
    ASSERT_TRUE(init) << init.error().message.en;
    auto web = app::WebApp::create(*services_, web_options_);
    ASSERT_TRUE(web);
    web_ = std::move(web).value();
    ASSERT_TRUE(web_->start());
  }
  void TearDown() override {
    if (web_) web_->stop();
    std::filesystem::remove(divisions_);
  }

  // A client logged in as `username` (a demo account by default), or anonymous for "".
  std::unique_ptr<HttpClient> as(const std::string& username,
                                 const std::string& password = std::string(app::kDemoPassword)) {
    auto client = std::make_unique<HttpClient>(web_->port());
    if (!username.empty()) {
      const auto login = client->login(username, password);
      EXPECT_EQ(login.status, 200) << username << ": " << login.body;
    }
    return client;
  }

  int64_t count(const std::string& sql, const std::vector<storage::Value>& params = {}) {
    return scalar(services_->database(), sql, params);
  }

  // Where the SQLite database file or its write-ahead log holds one of `values` byte for byte,
  // each as "PATH holds VALUE": for the tests that personal data is never stored in clear. Empty
  // on PostgreSQL, whose files are the server's.
  std::vector<std::string> files_holding(const std::vector<std::string>& values) const {
    std::vector<std::string> found;
    if (GetParam() != Backend::sqlite) return found;
    const std::string file = database_->url().substr(7);
    for (const std::string& part : {file, file + "-wal"}) {
      std::ifstream in(part, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), {});
      for (const std::string& value : values) {
        if (bytes.find(value) != std::string::npos) found.push_back(part + " holds " + value);
      }
    }
    return found;
  }

  ManualClock clock_{parse_date("2026-11-30") + std::chrono::hours(1)};
  // A derived fixture may change these in its constructor.
  auth::AuthOptions auth_options_;
  bool cheap_passwords_ = true;
  std::map<std::string, std::string> settings_;  // the modules' settings
  std::string divisions_csv_ = kSmallDivisions;  // the hierarchy loaded
  bool demo_province_ = false;                   // the modules' demo data too
  app::WebOptions web_options_{.listen = "127.0.0.1:0", .access_log = true, .check_replies = true};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<app::Services> services_;
  std::unique_ptr<app::WebApp> web_;
  std::filesystem::path divisions_;
};

}  // namespace shequ::testing
