// A real `shequ serve` stack (services, router, Beast server on a free loopback port) over a
// fresh database holding the shipped Gansu divisions, once per backend for the whole suite.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "app/app.hpp"
#include "common/clock.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"
#include "support/test_services.hpp"

namespace shequ::testing {

// The clock every API test runs at.
inline TimePoint test_now() {
  return parse_date("2026-11-30") + std::chrono::hours(8);
}

struct ApiStack {
  std::unique_ptr<TestDatabase> database;
  ManualClock clock{test_now()};
  std::unique_ptr<app::Services> services;
  std::unique_ptr<app::WebApp> web;
};

class ApiTest : public ::testing::TestWithParam<Backend> {
 public:
  static void TearDownTestSuite() { stacks().clear(); }

 protected:
  void SetUp() override {
    auto& stack = stacks()[GetParam()];
    if (!stack) {
      stack = std::make_unique<ApiStack>();
      stack->database = TestDatabase::create(GetParam());
      stack->services = open_test_services(stack->database->url(), stack->clock);
      ASSERT_TRUE(stack->services);
      auto init = app::initialise(*stack->services, {.demo = true});
      ASSERT_TRUE(init) << init.error().message.en;
      auto web = app::WebApp::create(
          *stack->services, {.listen = "127.0.0.1:0", .access_log = false, .check_replies = true});
      ASSERT_TRUE(web);
      stack->web = std::move(web).value();
      ASSERT_TRUE(stack->web->start());
    }
    stack_ = stack.get();
    client_ = std::make_unique<HttpClient>(stack_->web->port());
    ASSERT_EQ(client_->login("admin", std::string(app::kDemoPassword)).status, 200);
  }

  // A client logged in as the province and system administrator.
  HttpClient& client() { return *client_; }
  // A new client, logged in as `username` (a demo account) unless empty.
  std::unique_ptr<HttpClient> client_as(const std::string& username) {
    auto other = std::make_unique<HttpClient>(stack_->web->port());
    if (!username.empty()) {
      const auto login = other->login(username, std::string(app::kDemoPassword));
      EXPECT_EQ(login.status, 200) << username << ": " << login.body;
    }
    return other;
  }
  ApiStack& stack() { return *stack_; }

 private:
  static std::map<Backend, std::unique_ptr<ApiStack>>& stacks() {
    static std::map<Backend, std::unique_ptr<ApiStack>> all;
    return all;
  }
  ApiStack* stack_ = nullptr;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace shequ::testing
