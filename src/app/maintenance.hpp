// Work every server does in the background at intervals: sealing the audit chain, signing its
// checkpoints, summarising failed sign-ins, taking up other servers' changes to the org tree. Each
// task runs on one thread of its own, in turn; a failure is logged and the task runs again at its
// next turn. stop() runs every task once more, so that what happened up to the shutdown is sealed
// and checkpointed.
//
// (Scheduled work that must survive a crash, or run on one server only, is a job of the job runner
// (jobs/job_runner.hpp); these tasks need not: each picks up whatever the last run left.)
//
// Thread-safe: start() and stop() may be called from any thread; stop() is idempotent.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.hpp"

namespace shequ::app {

class Maintenance {
 public:
  struct Task {
    std::string name;
    std::chrono::milliseconds every;
    std::function<Status()> run;
  };

  explicit Maintenance(std::vector<Task> tasks);
  ~Maintenance();  // stops
  Maintenance(const Maintenance&) = delete;
  Maintenance& operator=(const Maintenance&) = delete;

  void start();
  void stop();

 private:
  void loop(std::stop_token stop);
  static void run_logged(const Task& task);

  std::vector<Task> tasks_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;
  bool stopped_ = false;
};

}  // namespace shequ::app
