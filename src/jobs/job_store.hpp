// The job table (migration 0010): every statement the job runner and the jobs API run. A job
// is a row; its state moves queued -> running -> done | failed | cancelled, and back from
// running to queued when its server stopped and attempts are left.
//
// Functions take the Session of the caller's transaction; they are pure otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace shequ::jobs {

enum class JobState { queued, running, done, failed, cancelled };
std::string_view state_name(JobState state);
std::optional<JobState> parse_state(std::string_view name);
bool finished(JobState state);

struct Job {
  int64_t id = 0;
  std::string kind;
  std::string unit_code;
  std::optional<int64_t> created_by;
  std::string created_by_name;
  JobState state = JobState::queued;
  Json params = Json::object();
  std::optional<Json> result;
  std::optional<Text> error;
  double progress = 0;
  int attempts = 0;
  int max_attempts = 1;
  std::string server;
  bool cancel_requested = false;
  std::string created_at;
  std::string started_at;
  std::string finished_at;
};

struct NewJob {
  std::string kind;
  std::string unit_code;
  std::optional<int64_t> created_by;  // none: the schedule or the operator
  std::string created_by_name;
  Json params = Json::object();
};

struct JobFilter {
  // The units whose subtrees the list covers (Actor::roots_for); all units when `everywhere`.
  std::vector<std::string> roots;
  bool everywhere = false;
  std::optional<std::string> kind;
  std::optional<JobState> state;
  std::optional<int64_t> created_by;
  int64_t limit = 20;
  int64_t offset = 0;
};

struct JobPage {
  std::vector<Job> items;  // newest first
  int64_t total = 0;
};

namespace store {

Result<Job> insert(storage::Session& s, const NewJob& job, int max_attempts, std::string_view now);
// Queues the scheduled job of `kind` for `slot` unless some server already did; true when
// this call queued it.
Result<bool> insert_scheduled(storage::Session& s, std::string_view kind, int64_t slot,
                              std::string_view unit_code, int max_attempts, std::string_view now);
Result<std::optional<Job>> find(storage::Session& s, int64_t id);
Result<JobPage> list(storage::Session& s, const JobFilter& filter);
// Queued or running jobs of `kind`, of one account or of everyone.
Result<int64_t> count_active(storage::Session& s, std::string_view kind,
                             std::optional<int64_t> created_by);

// Takes the oldest queued job of one of `kinds` for `server`: running, one more attempt. On
// PostgreSQL a job another server is taking at the same moment is skipped, not waited for.
Result<std::optional<Job>> claim(storage::Session& s, std::span<const std::string> kinds,
                                 std::string_view server, std::string_view now);

// What the server running a job learns at its heartbeat.
enum class Heartbeat { keep_going, cancel, lost };
// Records progress and that `server` still runs the job; lost when it no longer does (another
// server took it back after a silence, or it was finished).
Result<Heartbeat> heartbeat(storage::Session& s, int64_t id, std::string_view server,
                            double progress, std::string_view now);
// Ends a run of `server`: done with a result, failed or cancelled with a reason. False when
// the job was no longer this server's to end.
Result<bool> finish(storage::Session& s, int64_t id, std::string_view server, JobState state,
                    const std::optional<Json>& result, const std::optional<Text>& reason,
                    std::string_view now);
// Puts a job this server was running back in the queue (the server is stopping).
Status release(storage::Session& s, int64_t id, std::string_view server);
// Running jobs whose server has been silent since before `silent_since`: back in the queue
// while attempts are left, failed otherwise. Returns how many were touched.
Result<int64_t> recover_stale(storage::Session& s, std::string_view silent_since,
                              std::string_view now);
// A queued job is cancelled at once; a running one is asked to stop (cancel_requested) and ends
// as cancelled when its handler sees it. Returns the job after the change; nullopt when absent.
Result<std::optional<Job>> request_cancel(storage::Session& s, int64_t id, const Text& reason,
                                          std::string_view now);
// Forgets finished jobs that ended before `before`; returns how many.
Result<int64_t> purge(storage::Session& s, std::string_view before);

}  // namespace store

}  // namespace shequ::jobs
