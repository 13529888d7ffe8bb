// A brake on password hashing. Each Argon2id hash takes 64 MiB and a core for about 0.1 s, so a
// flood of logins would starve every other request: at most `slots` hashes run at once (one per
// core by default), at most `queue` more callers wait for a slot, and anyone beyond is refused at
// once with rate_limited (Retry-After 1 s) before any work is done for them.
//
// The gate is per process on purpose: it protects this server's cores. (Attempts per account
// and per source address are limited across servers, in storage: see auth::Sessions.)
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "common/result.hpp"

namespace shequ::auth {

class PasswordGate {
 public:
  // `slots` 0: one per core. `queue` 0: as many as there are slots.
  PasswordGate(unsigned slots, unsigned queue);
  PasswordGate(const PasswordGate&) = delete;
  PasswordGate& operator=(const PasswordGate&) = delete;

  // An admission: holds a place in the queue until hash() takes a slot, and the slot until it
  // is destroyed. Movable; must not outlive the gate.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&&) = delete;
    Ticket(const Ticket&) = delete;
    ~Ticket();
    // Waits for a slot (once; later calls return at once). The caller hashes after it returns.
    void wait_for_slot();

   private:
    friend class PasswordGate;
    explicit Ticket(PasswordGate* gate) : gate_(gate) {}
    PasswordGate* gate_;
    bool running_ = false;
  };

  // Admits the caller, or refuses (rate_limited) when every slot and place in the queue is taken.
  Result<Ticket> admit();

  struct Stats {
    unsigned slots = 0;
    unsigned queue = 0;
    unsigned running = 0;       // hashing now
    unsigned waiting = 0;       // admitted, not hashing yet
    unsigned peak_running = 0;  // the most that ever hashed at once
    uint64_t refused = 0;
  };
  Stats stats() const;

 private:
  void release(bool running);

  mutable std::mutex mutex_;
  std::condition_variable slot_free_;
  Stats stats_;
};

}  // namespace shequ::auth
