// The audit log (MLPS 2.0 level 3): who did what to which object, when, from where, with what
// result. Rows are appended in the same transaction as the action they record, never changed,
// and chained with SM3 (GB/T 32905) so that an edited or removed row is detected by verify().
// Rows never hold personal data: objects are named by id.
//
// Thread-safe: free functions over the caller's session or the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace shequ::audit {

// Who acted. For a failed login there is no user yet: only the name that was tried.
struct Who {
  std::optional<int64_t> user_id;
  std::string username;
  std::string role;
  std::string unit_code;
  std::string source_ip;
  std::string request_id;
};

// The operator at the console (CLI commands, start-up tasks), recorded as "system".
Who operator_who();

// The actor, with the role that granted `permission` as the role of record.
Who who(const Actor& actor, std::string_view permission);

struct Event {
  std::string action;       // "auth.login", "org.grid.create", ...
  std::string object_type;  // "user", "grid", "session", ...
  std::string object_id;
  std::string result;  // "success", "failure", "locked", ...
  std::string detail;  // e.g. the reason stated for an unmask; never personal data
};

// Appends one row within the caller's write transaction. On PostgreSQL it takes an advisory
// lock until the transaction ends, so concurrent writers extend one chain, not fork it.
Status append(storage::Session& s, const Clock& clock, const Who& who, const Event& event);

struct Entry {
  int64_t id = 0;
  std::string occurred_at;
  std::string username;
  std::string role;
  std::string unit_code;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string result;
  std::string source_ip;
  std::string request_id;
  std::string detail;
};

struct Filter {
  std::optional<std::string> from;  // YYYY-MM-DD, inclusive, a day in China time (UTC+8)
  std::optional<std::string> to;    // YYYY-MM-DD, inclusive
  std::optional<std::string> username;
  std::optional<std::string> action;
  // Entries whose unit lies in the current subtree of one of these units; empty: every entry.
  std::vector<std::string> scope_roots;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct EntryPage {
  std::vector<Entry> items;
  int64_t total = 0;
};

// Newest first.
Result<EntryPage> query(storage::Database& db, const Filter& filter);

struct Verification {
  int64_t entries = 0;
  std::optional<int64_t> first_broken_id;  // the first row whose hash or link does not hold
};

// Recomputes the chain from the first row. Removing rows at the very end leaves a shorter valid
// chain; operations.md says how the head is kept elsewhere to catch that.
Result<Verification> verify(storage::Database& db);

// The shortest time audit rows are kept (MLPS 2.0 level 3: at least six months).
inline constexpr int kMinimumRetentionDays = 184;

struct Purge {
  int64_t removed = 0;
};

// Removes the rows that occurred before the day `before` (YYYY-MM-DD, China time) in one
// transaction, records an anchor for verify() and appends an entry for the purge itself. Refuses
// (invalid_argument, field "before") a date that would remove rows younger than
// kMinimumRetentionDays.
Result<Purge> purge(storage::Database& db, const Clock& clock, const std::string& before,
                    const Who& who);

// SM3 of `data` as 64 lower-case hex digits.
std::string sm3_hex(std::string_view data);

}  // namespace shequ::audit
