#include "jobs/job_runner.hpp"

#include <unistd.h>

#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace shequ::jobs {

namespace {

// Periods of scheduled jobs are counted from midnight in China (UTC+8), so that a daily job's
// period is a Gansu day.
constexpr std::chrono::hours kChinaOffset{8};

const Text kCancelled{"已按请求取消", "cancelled on request"};

Status ended_as(Result<bool> changed) {
  if (!changed) return std::move(changed).error();
  return {};
}

}  // namespace

struct JobRunner::Running {
  int64_t id = 0;
  std::atomic<double> progress{0};
  std::atomic<bool> stop{false};       // the handler should return
  std::atomic<bool> cancelled{false};  // someone cancelled the job
  std::atomic<bool> lost{false};       // another server took it back
  std::atomic<bool> shutdown{false};   // this server is stopping
};

std::string default_server_name() {
  // Runners of one process (tests, or a command beside a server) are servers of their own too.
  static std::atomic<int> runners{0};
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return fmt::format("{}:{}:{}", host, getpid(), ++runners);
}

JobRunner::JobRunner(storage::Database& db, const Clock& clock, const kit::Registry& registry,
                     RunnerOptions options)
    : db_(db), clock_(clock), registry_(registry), options_(std::move(options)) {
  if (options_.server.empty()) options_.server = default_server_name();
  if (options_.workers == 0) options_.workers = 1;
}

JobRunner::~JobRunner() {
  stop();
}

void JobRunner::handle(std::string_view kind, JobHandler handler) {
  std::lock_guard lock(mutex_);
  if (started_) throw std::logic_error("job handlers are registered before the runner starts");
  if (registry_.find_job_kind(kind) == nullptr)
    throw std::logic_error(fmt::format("job kind {} is declared by no module", kind));
  if (!handlers_.emplace(std::string(kind), std::move(handler)).second)
    throw std::logic_error(fmt::format("job kind {} has two handlers", kind));
  kinds_.emplace_back(kind);
}

Result<Job> JobRunner::submit(storage::Session& s, const NewJob& job) const {
  const kit::JobKind* kind = registry_.find_job_kind(job.kind);
  if (kind == nullptr)
    throw std::logic_error(fmt::format("job kind {} is declared by no module", job.kind));
  return store::insert(s, job, kind->max_attempts, format_timestamp(clock_.now()));
}

Result<Job> JobRunner::submit(const NewJob& job) const {
  return db_.write_value<Job>([&](storage::Session& s) { return submit(s, job); });
}

Result<std::optional<Job>> JobRunner::find(int64_t id) const {
  return db_.read_value<std::optional<Job>>(
      [&](storage::Session& s) { return store::find(s, id); });
}

Result<JobPage> JobRunner::list(const JobFilter& filter) const {
  return db_.read_value<JobPage>([&](storage::Session& s) { return store::list(s, filter); });
}

Result<int64_t> JobRunner::count_active(std::string_view kind,
                                        std::optional<int64_t> created_by) const {
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return store::count_active(s, kind, created_by); });
}

Result<std::optional<Job>> JobRunner::cancel(int64_t id) const {
  return db_.write_value<std::optional<Job>>([&](storage::Session& s) {
    return store::request_cancel(s, id, kCancelled, format_timestamp(clock_.now()));
  });
}

void JobRunner::start() {
  std::lock_guard lock(mutex_);
  if (started_) return;
  started_ = true;
  for (std::size_t i = 0; i < options_.workers; ++i) {
    threads_.emplace_back([this](std::stop_token stop) { work(stop); });
  }
  threads_.emplace_back([this](std::stop_token stop) { keep_house(stop); });
}

void JobRunner::stop() {
  std::vector<std::jthread> threads;
  {
    std::lock_guard lock(mutex_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.request_stop();
  wake_.notify_all();
  threads.clear();  // joins: running handlers have been told to stop
}

Result<int64_t> JobRunner::purge_finished() const {
  const std::string before = format_timestamp(clock_.now() - options_.retention);
  return db_.write_value<int64_t>([&](storage::Session& s) { return store::purge(s, before); });
}

Result<bool> JobRunner::run_once() {
  SHEQU_TRY(housekeeping());
  return claim_and_run(std::stop_token());
}

Status JobRunner::housekeeping() {
  const TimePoint now = clock_.now();
  const std::string stamp = format_timestamp(now);
  for (const kit::JobKind* kind : registry_.job_kinds()) {
    if (kind->every.count() == 0 || !handlers_.contains(kind->kind)) continue;
    const int64_t slot =
        std::chrono::floor<std::chrono::seconds>(now.time_since_epoch() + kChinaOffset).count() /
        kind->every.count();
    {
      std::lock_guard lock(mutex_);
      const auto known = scheduled_slot_.find(kind->kind);
      if (known != scheduled_slot_.end() && known->second == slot) continue;
    }
    SHEQU_ASSIGN_OR_RETURN(const bool queued, db_.write_value<bool>([&](storage::Session& s) {
      return store::insert_scheduled(s, kind->kind, slot, options_.schedule_unit,
                                     kind->max_attempts, stamp);
    }));
    if (queued) spdlog::info("jobs: queued scheduled {} for period {}", kind->kind, slot);
    std::lock_guard lock(mutex_);
    scheduled_slot_[std::string(kind->kind)] = slot;
  }
  const std::string silent_since = format_timestamp(now - options_.silence);
  SHEQU_ASSIGN_OR_RETURN(const int64_t recovered,
                         db_.write_value<int64_t>([&](storage::Session& s) {
                           return store::recover_stale(s, silent_since, stamp);
                         }));
  if (recovered > 0)
    spdlog::warn("jobs: {} running job(s) had a silent server; queued again or failed", recovered);
  return {};
}

Result<bool> JobRunner::claim_and_run(std::stop_token stop) {
  SHEQU_ASSIGN_OR_RETURN(
      auto claimed, db_.write_value<std::optional<Job>>([&](storage::Session& s) {
        return store::claim(s, kinds_, options_.server, format_timestamp(clock_.now()));
      }));
  if (!claimed) return false;
  const Job job = std::move(*claimed);
  auto running = std::make_shared<Running>();
  running->id = job.id;
  {
    std::lock_guard lock(mutex_);
    running_[job.id] = running;
  }
  spdlog::info("jobs: running {} #{} (attempt {} of {})", job.kind, job.id, job.attempts,
               job.max_attempts);
  Result<Json> result = Error::internal("the job handler did not return");
  {
    std::stop_callback on_stop(stop, [&] {
      running->shutdown = true;
      running->stop = true;
    });
    const JobContext context(job, running->progress, running->stop);
    try {
      result = handlers_.at(job.kind)(context);
    } catch (const std::exception& e) {
      result = Error::internal(fmt::format("job {} #{} threw: {}", job.kind, job.id, e.what()));
    }
  }
  {
    std::lock_guard lock(mutex_);
    running_.erase(job.id);
  }
  if (running->lost) {
    spdlog::warn("jobs: {} #{} was taken back by another server; its run here is dropped", job.kind,
                 job.id);
    return true;
  }
  const std::string now = format_timestamp(clock_.now());
  Status ended = db_.write([&](storage::Session& s) -> Status {
    if (running->cancelled) {
      return ended_as(store::finish(s, job.id, options_.server, JobState::cancelled, std::nullopt,
                                    kCancelled, now));
    }
    if (result) {
      return ended_as(
          store::finish(s, job.id, options_.server, JobState::done, *result, std::nullopt, now));
    }
    if (running->shutdown) return store::release(s, job.id, options_.server);
    if (!result.error().internal_detail.empty())
      spdlog::error("jobs: {} #{} failed: {}", job.kind, job.id, result.error().internal_detail);
    return ended_as(store::finish(s, job.id, options_.server, JobState::failed, std::nullopt,
                                  result.error().message, now));
  });
  if (!ended) {
    // The job stays running in the table; another server takes it back after the silence.
    spdlog::error("jobs: could not record the end of {} #{}: {}", job.kind, job.id,
                  ended.error().message.en);
  }
  return true;
}

void JobRunner::work(std::stop_token stop) {
  while (!stop.stop_requested()) {
    auto ran = claim_and_run(stop);
    if (!ran) spdlog::warn("jobs: could not claim a job: {}", ran.error().message.en);
    if (ran && *ran) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, options_.poll, [] { return false; });
  }
}

void JobRunner::beat() {
  std::vector<std::shared_ptr<Running>> running;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, r] : running_) running.push_back(r);
  }
  const std::string now = format_timestamp(clock_.now());
  for (const auto& r : running) {
    auto beat = db_.write_value<store::Heartbeat>([&](storage::Session& s) {
      return store::heartbeat(s, r->id, options_.server, r->progress.load(), now);
    });
    if (!beat) {
      spdlog::warn("jobs: heartbeat of #{} not written: {}", r->id, beat.error().message.en);
    } else if (*beat == store::Heartbeat::cancel) {
      r->cancelled = true;
      r->stop = true;
    } else if (*beat == store::Heartbeat::lost) {
      r->lost = true;
      r->stop = true;
    }
  }
}

void JobRunner::keep_house(std::stop_token stop) {
  auto next_housekeeping = std::chrono::steady_clock::now();
  while (!stop.stop_requested()) {
    beat();
    if (std::chrono::steady_clock::now() >= next_housekeeping) {
      if (auto done = housekeeping(); !done)
        spdlog::warn("jobs: housekeeping: {}", done.error().message.en);
      next_housekeeping = std::chrono::steady_clock::now() + options_.poll;
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, options_.heartbeat, [] { return false; });
  }
}

}  // namespace shequ::jobs
