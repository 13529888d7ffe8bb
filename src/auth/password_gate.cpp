#include "auth/password_gate.hpp"

#include <algorithm>
#include <thread>

namespace shequ::auth {

PasswordGate::PasswordGate(unsigned slots, unsigned queue) {
  stats_.slots = slots != 0 ? slots : std::max(1u, std::thread::hardware_concurrency());
  stats_.queue = queue != 0 ? queue : stats_.slots;
}

Result<PasswordGate::Ticket> PasswordGate::admit() {
  std::lock_guard lock(mutex_);
  if (stats_.running + stats_.waiting >= stats_.slots + stats_.queue) {
    ++stats_.refused;
    return Error::rate_limited(
        {"登录请求过多，请稍后再试", "too many sign-in attempts at once; try again shortly"}, 1);
  }
  ++stats_.waiting;
  return Ticket(this);
}

void PasswordGate::Ticket::wait_for_slot() {
  if (running_ || gate_ == nullptr) return;
  std::unique_lock lock(gate_->mutex_);
  Stats& stats = gate_->stats_;
  gate_->slot_free_.wait(lock, [&] { return stats.running < stats.slots; });
  --stats.waiting;
  ++stats.running;
  stats.peak_running = std::max(stats.peak_running, stats.running);
  running_ = true;
}

PasswordGate::Ticket::Ticket(Ticket&& other) noexcept
    : gate_(other.gate_), running_(other.running_) {
  other.gate_ = nullptr;
}

PasswordGate::Ticket::~Ticket() {
  if (gate_ != nullptr) gate_->release(running_);
}

void PasswordGate::release(bool running) {
  {
    std::lock_guard lock(mutex_);
    if (running) {
      --stats_.running;
    } else {
      --stats_.waiting;
    }
  }
  if (running) slot_free_.notify_one();
}

PasswordGate::Stats PasswordGate::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace shequ::auth
