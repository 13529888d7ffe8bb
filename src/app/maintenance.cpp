#include "app/maintenance.hpp"

#include <spdlog/spdlog.h>

namespace shequ::app {

Maintenance::Maintenance(std::vector<Task> tasks) : tasks_(std::move(tasks)) {}

Maintenance::~Maintenance() {
  stop();
}

void Maintenance::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopped_) return;
  thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
}

void Maintenance::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    if (!thread_.joinable()) return;
    thread_.request_stop();
  }
  wake_.notify_all();
  thread_.join();
  for (const Task& task : tasks_) run_logged(task);
}

void Maintenance::run_logged(const Task& task) {
  try {
    if (Status done = task.run(); !done) {
      spdlog::error("{}: {} {}", task.name, done.error().message.en, done.error().internal_detail);
    }
  } catch (const std::exception& e) {
    spdlog::error("{}: {}", task.name, e.what());
  }
}

void Maintenance::loop(std::stop_token stop) {
  using Clock = std::chrono::steady_clock;
  std::vector<Clock::time_point> due(tasks_.size(), Clock::now());
  while (!stop.stop_requested()) {
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
      if (Clock::now() < due[i]) continue;
      run_logged(tasks_[i]);
      due[i] = Clock::now() + tasks_[i].every;
    }
    Clock::time_point next = Clock::time_point::max();
    for (const auto& at : due) next = std::min(next, at);
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, stop, next, [] { return false; });
  }
}

}  // namespace shequ::app
