// One runner for every background job of every module (ADR 0022). Jobs live in the job table
// (job_store.hpp), so that a restart loses none and several servers on one PostgreSQL share one
// queue: each job is claimed by exactly one server, which reports its progress by heartbeats;
// a job whose server falls silent (killed, cut off) is put back in the queue by any other
// server, or failed once its attempts are used up. Scheduled kinds (kit::JobKind::every) are
// queued once per period by whichever server gets there first.
//
// Thread-safe. Handlers are registered before start(); stop() (or the destructor) tells running
// handlers to stop, waits for them and puts their jobs back in the queue. The database, clock
// and registry must outlive the runner, and every handler's captures must outlive stop().
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "jobs/job_store.hpp"
#include "kit/registry.hpp"
#include "storage/database.hpp"

namespace shequ::jobs {

// What a handler is given: its job, and a way to report progress.
class JobContext {
 public:
  JobContext(const Job& job, std::atomic<double>& progress, const std::atomic<bool>& stop)
      : job_(job), progress_(progress), stop_(stop) {}
  const Job& job() const { return job_; }
  // Records progress (0 to 1; written at the next heartbeat). Returns false when the handler
  // should stop: the job was cancelled, taken back, or the server is stopping.
  bool progress(double share) const {
    progress_.store(share);
    return !stop_.load();
  }
  bool stopping() const { return stop_.load(); }

 private:
  const Job& job_;
  std::atomic<double>& progress_;
  const std::atomic<bool>& stop_;
};

// Runs one job: a result (JSON) for done, an error for failed. Called on a runner thread; may
// run again for the same job on another server after a crash, so it must not do anything twice
// that cannot be done twice.
using JobHandler = std::function<Result<Json>(const JobContext&)>;

struct RunnerOptions {
  std::string server;       // names this server in the job table; default: host, process, runner
  std::size_t workers = 1;  // jobs run at once by this server
  std::chrono::milliseconds poll{1000};       // how often the queue is looked at
  std::chrono::milliseconds heartbeat{1000};  // how often progress is written
  std::chrono::seconds silence{30};           // a running job silent this long is taken back
  std::chrono::hours retention{24 * 30};      // finished jobs are kept this long
  // The unit scheduled jobs are filed under (the root of the tree): who may see them.
  std::string schedule_unit = "620000000000";
};

class JobRunner {
 public:
  JobRunner(storage::Database& db, const Clock& clock, const kit::Registry& registry,
            RunnerOptions options = {});
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Registers the handler of a declared kind. Throws std::logic_error for a kind no module
  // declares, one registered twice, or after start().
  void handle(std::string_view kind, JobHandler handler);

  // Queues a job of a declared kind (std::logic_error otherwise), in the caller's transaction
  // (so that it is queued together with the audit row of whoever asked for it) or in its own.
  Result<Job> submit(storage::Session& s, const NewJob& job) const;
  Result<Job> submit(const NewJob& job) const;

  Result<std::optional<Job>> find(int64_t id) const;
  Result<JobPage> list(const JobFilter& filter) const;
  Result<int64_t> count_active(std::string_view kind, std::optional<int64_t> created_by) const;
  // Cancels a queued job, or asks the server running it to stop; the job as it is afterwards.
  Result<std::optional<Job>> cancel(int64_t id) const;

  // Forgets the jobs that finished longer than the retention ago; how many.
  Result<int64_t> purge_finished() const;

  // Starts the worker threads and the housekeeping thread (heartbeats, schedule, recovery).
  void start();
  void stop();

  // One round of housekeeping and at most one job, in the caller's thread: for commands and
  // deterministic tests. Returns whether a job ran.
  Result<bool> run_once();

  const std::string& server() const { return options_.server; }

 private:
  struct Running;

  Status housekeeping();
  Result<bool> claim_and_run(std::stop_token stop);
  void work(std::stop_token stop);
  void keep_house(std::stop_token stop);
  void beat();

  storage::Database& db_;
  const Clock& clock_;
  const kit::Registry& registry_;
  RunnerOptions options_;
  std::map<std::string, JobHandler, std::less<>> handlers_;
  std::vector<std::string> kinds_;  // the handled kinds, for claiming
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<Running>> running_;
  std::condition_variable_any wake_;
  std::map<std::string, int64_t, std::less<>> scheduled_slot_;  // the last period queued, per kind
  bool started_ = false;
  std::vector<std::jthread> threads_;
};

// "host:pid:n", the default server name: n counts the runners of this process.
std::string default_server_name();

}  // namespace shequ::jobs
