// The job runner on every backend: jobs survive the runner, each is run by exactly one of
// several runners, a job whose server fell silent is run again or failed, a scheduled job is
// queued once per period whoever looks, and a stopping server hands its job back.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "jobs/job_runner.hpp"
#include "support/test_database.hpp"
#include "support/test_services.hpp"

namespace shequ::jobs {
namespace {

using shequ::testing::all_backends;
using shequ::testing::Backend;
using shequ::testing::backend_name;
using shequ::testing::TestDatabase;

// Kinds of a test module, so that handlers here do not stand in for real modules' work.
const kit::ModuleDeclaration& test_module() {
  static const kit::ModuleDeclaration module{
      .name = "probe",
      .label = {"测试", "Test"},
      .jobs = {{"probe.once", {"一次", "Once"}, std::chrono::seconds(0), 1},
               {"probe.twice", {"两次", "Twice"}, std::chrono::seconds(0), 2},
               {"probe.hourly", {"每小时", "Hourly"}, std::chrono::hours(1), 1}},
  };
  return module;
}

class JobStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = TestDatabase::create(GetParam());
    services_ = shequ::testing::open_test_services(database_->url(), clock_);
    ASSERT_TRUE(services_);
  }

  std::unique_ptr<JobRunner> runner(const std::string& server) {
    return std::make_unique<JobRunner>(services_->database(), clock_, registry_,
                                       RunnerOptions{.server = server,
                                                     .poll = std::chrono::milliseconds(10),
                                                     .heartbeat = std::chrono::milliseconds(10),
                                                     .silence = std::chrono::seconds(30),
                                                     .schedule_unit = "620000000000"});
  }

  Job submit(const JobRunner& r, const std::string& kind, int n = 0) {
    auto job = r.submit({.kind = kind,
                         .unit_code = "620102000000",
                         .created_by_name = "tester",
                         .params = Json{{"n", n}}});
    EXPECT_TRUE(job) << job.error().message.en;
    return job ? *job : Job{};
  }

  Job stored(int64_t id) {
    auto runner = this->runner("reader");
    auto job = runner->find(id);
    EXPECT_TRUE(job && *job);
    return job && *job ? **job : Job{};
  }

  ManualClock clock_{parse_date("2026-03-01")};
  kit::Registry registry_{{&test_module()}};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<app::Services> services_;
};

TEST_P(JobStorageTest, AQueuedJobOutlivesItsRunnerAndIsDoneByTheNext) {
  int64_t id = 0;
  {
    auto first = runner("first");
    id = submit(*first, "probe.once", 7).id;
  }  // the server stops before anyone ran it
  auto second = runner("second");
  second->handle("probe.once", [](const JobContext& c) -> Result<Json> {
    c.progress(0.5);
    return Json{{"twice", c.job().params["n"].get<int>() * 2}};
  });
  ASSERT_TRUE(*second->run_once());
  const Job done = stored(id);
  EXPECT_EQ(done.state, JobState::done);
  EXPECT_EQ(done.result, (Json{{"twice", 14}}));
  EXPECT_EQ(done.progress, 1.0);
  EXPECT_EQ(done.server, "second");
  EXPECT_EQ(done.attempts, 1);
  EXPECT_FALSE(*second->run_once());  // nothing left
}

TEST_P(JobStorageTest, AFailingHandlerFailsItsJobWithTheReason) {
  auto r = runner("one");
  r->handle("probe.once", [](const JobContext&) -> Result<Json> {
    return Error::conflict({"没有路网", "no network"});
  });
  const int64_t id = submit(*r, "probe.once").id;
  ASSERT_TRUE(*r->run_once());
  const Job failed = stored(id);
  EXPECT_EQ(failed.state, JobState::failed);
  ASSERT_TRUE(failed.error);
  EXPECT_EQ(failed.error->en, "no network");
}

// Two servers pulling from one queue at once: every job runs exactly once.
TEST_P(JobStorageTest, EachJobIsRunByExactlyOneOfTwoServers) {
  constexpr int kJobs = 40;
  std::mutex mutex;
  std::map<int64_t, int> runs;
  std::map<std::string, int> by_server;
  std::vector<std::unique_ptr<JobRunner>> servers;
  for (const char* name : {"server-a", "server-b"}) {
    servers.push_back(runner(name));
    servers.back()->handle("probe.once", [&, name](const JobContext& c) -> Result<Json> {
      std::lock_guard lock(mutex);
      ++runs[c.job().id];
      ++by_server[name];
      return Json::object();
    });
  }
  for (int i = 0; i < kJobs; ++i) submit(*servers[0], "probe.once", i);
  std::vector<std::future<void>> pulling;
  for (auto& server : servers) {
    pulling.push_back(std::async(std::launch::async, [&server] {
      for (;;) {
        auto ran = server->run_once();
        ASSERT_TRUE(ran) << ran.error().message.en;
        if (!*ran) return;
      }
    }));
  }
  for (auto& p : pulling) p.get();
  EXPECT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
  for (const auto& [id, count] : runs) EXPECT_EQ(count, 1) << "job " << id;
  EXPECT_EQ(shequ::testing::scalar(services_->database(),
                                   "SELECT COUNT(*) FROM job WHERE kind = 'probe.once' AND "
                                   "state = 'done'"),
            kJobs);
}

// A server that claimed a job and died (no heartbeat since): after the silence another server
// runs it again while attempts are left, then fails it with the reason.
TEST_P(JobStorageTest, ASilentServersJobIsRunAgainThenFailed) {
  auto survivor = runner("survivor");
  int ran = 0;
  survivor->handle("probe.twice", [&](const JobContext&) -> Result<Json> {
    ++ran;
    return Json::object();
  });
  survivor->handle("probe.once", [&](const JobContext&) -> Result<Json> { return Json(); });
  const int64_t again = submit(*survivor, "probe.twice").id;
  const int64_t spent = submit(*survivor, "probe.once").id;
  // The dead server takes both and is never heard from again.
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(services_->database().write([&](storage::Session& s) -> Status {
      const std::vector<std::string> kinds{"probe.twice", "probe.once"};
      SHEQU_ASSIGN_OR_RETURN(auto claimed,
                             store::claim(s, kinds, "dead", format_timestamp(clock_.now())));
      EXPECT_TRUE(claimed);
      return {};
    }));
  }
  EXPECT_FALSE(*survivor->run_once());  // still within the silence: left alone
  EXPECT_EQ(stored(again).state, JobState::running);
  clock_.advance(std::chrono::seconds(31));
  ASSERT_TRUE(*survivor->run_once());
  EXPECT_EQ(ran, 1);
  const Job redone = stored(again);
  EXPECT_EQ(redone.state, JobState::done);
  EXPECT_EQ(redone.attempts, 2);
  EXPECT_EQ(redone.server, "survivor");
  const Job failed = stored(spent);
  EXPECT_EQ(failed.state, JobState::failed);
  ASSERT_TRUE(failed.error);
  EXPECT_NE(failed.error->en.find("stopped answering"), std::string::npos);
}

// Whichever servers look, a scheduled kind is queued once per period.
TEST_P(JobStorageTest, AScheduledJobIsQueuedOncePerPeriod) {
  const auto count = [&] {
    return shequ::testing::scalar(services_->database(),
                                  "SELECT COUNT(*) FROM job WHERE kind = 'probe.hourly'");
  };
  auto a = runner("a");
  auto b = runner("b");
  int runs = 0;
  for (auto* r : {a.get(), b.get()}) {
    r->handle("probe.hourly", [&](const JobContext&) -> Result<Json> {
      ++runs;
      return Json::object();
    });
  }
  ASSERT_TRUE(a->run_once());
  ASSERT_TRUE(b->run_once());
  ASSERT_TRUE(b->run_once());
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(runs, 1);
  clock_.advance(std::chrono::minutes(59));
  ASSERT_TRUE(a->run_once());
  EXPECT_EQ(count(), 1);
  clock_.advance(std::chrono::minutes(2));  // the next hour
  ASSERT_TRUE(b->run_once());
  ASSERT_TRUE(a->run_once());
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(shequ::testing::scalar(services_->database(),
                                   "SELECT COUNT(*) FROM job WHERE kind = 'probe.hourly' AND "
                                   "created_by_name = 'system' AND unit_code = '620000000000'"),
            2);
}

TEST_P(JobStorageTest, ACancelledQueuedJobNeverRuns) {
  auto r = runner("one");
  bool ran = false;
  r->handle("probe.once", [&](const JobContext&) -> Result<Json> {
    ran = true;
    return Json::object();
  });
  const int64_t id = submit(*r, "probe.once").id;
  auto cancelled = r->cancel(id);
  ASSERT_TRUE(cancelled && *cancelled);
  EXPECT_EQ((*cancelled)->state, JobState::cancelled);
  EXPECT_FALSE(*r->run_once());
  EXPECT_FALSE(ran);
}

// A server told to stop while running a job tells the handler, and puts the job back in the
// queue without using up an attempt; the next server finishes it.
TEST_P(JobStorageTest, AStoppingServerHandsItsJobBack) {
  std::promise<void> started;
  auto stopping = runner("stopping");
  stopping->handle("probe.once", [&](const JobContext& c) -> Result<Json> {
    started.set_value();
    while (c.progress(0.3)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return Error::internal("interrupted");
  });
  const int64_t id = submit(*stopping, "probe.once").id;
  stopping->start();
  started.get_future().wait();
  stopping->stop();
  const Job handed_back = stored(id);
  EXPECT_EQ(handed_back.state, JobState::queued);
  EXPECT_EQ(handed_back.attempts, 0);
  auto next = runner("next");
  next->handle("probe.once", [](const JobContext&) -> Result<Json> { return Json::object(); });
  ASSERT_TRUE(*next->run_once());
  EXPECT_EQ(stored(id).state, JobState::done);
}

// A running job that someone cancels stops at its handler's next progress report.
TEST_P(JobStorageTest, ACancelledRunningJobStopsAtItsNextReport) {
  std::promise<void> started;
  auto r = runner("one");
  r->handle("probe.once", [&](const JobContext& c) -> Result<Json> {
    started.set_value();
    while (c.progress(0.1)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return Json::object();
  });
  const int64_t id = submit(*r, "probe.once").id;
  r->start();
  started.get_future().wait();
  ASSERT_TRUE(r->cancel(id));
  for (int i = 0; i < 500 && stored(id).state == JobState::running; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  r->stop();
  const Job job = stored(id);
  EXPECT_EQ(job.state, JobState::cancelled);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobStorageTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::jobs
