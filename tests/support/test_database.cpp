#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

namespace shequ::testing {

namespace {

std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<uint64_t> any;
  return fmt::format("{:016x}", any(device));
}

std::unique_ptr<storage::Database> open_or_throw(const std::string& url) {
  auto db = storage::open_database(url);
  if (!db) {
    throw std::runtime_error(fmt::format("cannot open test database {}: {}", url,
                                         std::move(db).error().internal_detail));
  }
  return std::move(db).value();
}

void run_or_throw(storage::Database& db, const std::string& sql) {
  const Status status = db.write([&](storage::Session& s) { return s.execute_script(sql); });
  if (!status) {
    throw std::runtime_error(fmt::format("{} failed: {}", sql, status.error().internal_detail));
  }
}

// Removes the private folders at the end of a program whose tests all passed. Registered with
// GoogleTest (which owns it) when the first folder is made.
class TempFolderSweeper : public ::testing::EmptyTestEventListener {
 public:
  void add(std::filesystem::path folder) { folders_.push_back(std::move(folder)); }
  void OnTestProgramEnd(const ::testing::UnitTest& unit_test) override {
    if (!unit_test.Passed()) return;
    for (const auto& folder : folders_) {
      std::error_code ec;
      std::filesystem::remove_all(folder, ec);
    }
  }

 private:
  std::vector<std::filesystem::path> folders_;
};

TempFolderSweeper& sweeper() {
  static TempFolderSweeper* const instance = [] {
    auto* made = new TempFolderSweeper;
    ::testing::UnitTest::GetInstance()->listeners().Append(made);
    return made;
  }();
  return *instance;
}

}  // namespace

std::filesystem::path private_temp_folder(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  sweeper().add(pattern);
  return pattern;
}

std::vector<Backend> all_backends() {
  return {Backend::sqlite, Backend::postgres};
}

std::string backend_name(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "postgres";
}

void PrintTo(Backend backend, std::ostream* out) {
  *out << backend_name(backend);
}

std::unique_ptr<TestDatabase> TestDatabase::create(Backend backend) {
  std::unique_ptr<TestDatabase> test(new TestDatabase(backend));
  if (backend == Backend::sqlite) {
    test->folder_ = std::filesystem::temp_directory_path() / ("shequ-test-" + random_suffix());
    std::filesystem::create_directories(test->folder_);
    test->url_ = "sqlite:" + (test->folder_ / "test.db").string();
  } else {
    const char* server = std::getenv("SHEQU_TEST_POSTGRES_URL");
    if (server == nullptr || *server == '\0') {
      throw std::runtime_error(
          "SHEQU_TEST_POSTGRES_URL is not set: run the tests with `make test`, or start a "
          "server with `scripts/pg-test start DIR` and export the URL it prints");
    }
    const std::string base = server;
    test->admin_ = open_or_throw(base);
    test->schema_ = "t_" + random_suffix();
    run_or_throw(*test->admin_, "CREATE SCHEMA " + test->schema_);
    // libpq URI syntax: options=-csearch_path=<schema>, with '=' percent-encoded.
    test->url_ = fmt::format("{}{}options=-csearch_path%3D{}", base,
                             base.find('?') == std::string::npos ? '?' : '&', test->schema_);
  }
  test->db_ = open_or_throw(test->url_);
  return test;
}

TestDatabase::~TestDatabase() {
  db_.reset();  // closes every connection first, so that nothing holds a lock on the schema
  if (!folder_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
    if (ec) ADD_FAILURE() << "cannot remove " << folder_ << ": " << ec.message();
  }
  if (admin_) {
    try {
      run_or_throw(*admin_, "DROP SCHEMA " + schema_ + " CASCADE");
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

}  // namespace shequ::testing
