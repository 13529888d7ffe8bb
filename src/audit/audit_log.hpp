// The audit log (MLPS 2.0 level 3): who did what to which object, when, from where, with what
// result. Rows never hold personal data: objects are named by id.
//
// Tamper evidence, in three layers, all keyed by secrets kept outside the database (the key file):
//  1. Each row carries row_mac = HMAC-SM3(chain key, its fields and a random uid), computed by the
//     writer in the same transaction as the action it records. Writers take no lock and read
//     nothing, so the log does not serialise the transactions that write it.
//  2. A sealer (seal(), run by every server every few seconds and before each checkpoint) gives
//     committed rows their place: seq = 1, 2, 3 ... and chain_mac = HMAC-SM3(key, previous
//     chain_mac | seq | row_mac). Only one sealer runs at a time (a PostgreSQL advisory lock; the
//     single writer on SQLite). An edited row breaks its row_mac, a removed row leaves a gap in
//     seq, and neither can be repaired without the key.
//  3. checkpoint() signs the head (seq and chain_mac) with Ed25519 and appends it to a file
//     outside the database and to the log. verify() compares the chain with the latest
//     checkpoint, so removing the newest rows, or recomputing the chain with a stolen key, is
//     caught too.
//
// Thread-safe: Log is immutable after construction; its methods may run on any thread at once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "kit/registry.hpp"
#include "storage/database.hpp"

namespace shequ::audit {

// Who acted. For a failed login there is no user yet: only the name that was tried.
struct Who {
  std::optional<int64_t> user_id;
  std::string username;
  std::string role;
  std::string unit_code;  // the actor's home unit
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
  // The unit of the object acted on (an account's home unit, a grid, the unit of a role grant),
  // so that the auditors of that unit see the row as well as those of the actor's unit.
  std::string object_unit;
};

// The secrets of the chain, from the key file (privacy::Keyring).
struct ChainKeys {
  std::array<unsigned char, 32> mac_key{};
  std::array<unsigned char, 32> signing_seed{};  // Ed25519
};

// A place in the chain: the last sealed entry. seq 0 is the empty chain.
struct Head {
  int64_t seq = 0;
  std::string chain_mac;  // 64 hex digits
  bool operator==(const Head&) const = default;
};

struct Checkpoint {
  Head head;
  std::string at;    // when it was signed (UTC, ISO 8601)
  std::string line;  // as written to the file and the log
};

struct Verification {
  int64_t entries = 0;  // sealed entries checked
  int64_t pending = 0;  // written but not sealed yet; each checked on its own
  Head head;            // the last sealed entry that verified
  // The first row that was edited, forged, reordered, or follows a removed row.
  std::optional<int64_t> first_broken_id;
  Text problem;                          // what broke, for the operator; empty when intact
  std::optional<Checkpoint> checkpoint;  // the latest checkpoint in the file
  bool truncated = false;                // the chain ends before the checkpoint's head
  bool intact() const { return !first_broken_id && problem.en.empty() && !truncated; }
};

// The shortest time audit rows are kept (MLPS 2.0 level 3: at least six months).
inline constexpr int kMinimumRetentionDays = 184;

struct Purge {
  int64_t removed = 0;
};

class Log {
 public:
  // `clock` and `registry` must outlive the log. Only actions some module declares are written.
  Log(const Clock& clock, ChainKeys keys, const kit::Registry& registry);

  // Appends one row within the caller's write transaction. An action no module declares is a
  // programming error, refused (internal).
  Status append(storage::Session& s, const Who& who, const Event& event) const;
  // Appends one row in a transaction of its own: for actions that change nothing else (an
  // export, a reveal, a computation started).
  Status record(storage::Database& db, const Who& who, const Event& event) const;

  // Chains every committed row that has no place yet; returns how many it sealed. The periodic
  // sealer does not wait when another server is sealing (returns 0: that one seals them);
  // a checkpoint waits, so that it vouches for every row committed before it.
  enum class WhenBusy { skip, wait };
  // The PostgreSQL advisory lock (pg_advisory_xact_lock) of the sealer and of purges: one of
  // them at a time across servers, writers never.
  static constexpr int64_t kSealerLock = 7423162;
  Result<int64_t> seal(storage::Database& db, WhenBusy when_busy = WhenBusy::skip) const;
  // The last sealed entry.
  Result<Head> head(storage::Database& db) const;
  // Seals, then signs the head and appends it to `file` (created 0600, folders 0700, synced
  // before returning) and to the log.
  Result<Checkpoint> checkpoint(storage::Database& db, const std::string& file) const;
  // Recomputes every row and the chain from the first entry (or the last purge anchor) and
  // compares the head with the latest checkpoint in `file`. A missing file is a problem once
  // the chain holds entries (the tail could not be checked); a line whose signature does not
  // hold is a problem too.
  Result<Verification> verify(storage::Database& db, const std::string& file) const;

  // Seals, then removes the entries that occurred before the day `before` (YYYY-MM-DD, China
  // time) in one transaction, records an anchor for verify() and appends an entry for the purge
  // itself. Refuses (invalid_argument, field "before") a date that would remove rows younger
  // than kMinimumRetentionDays.
  Result<Purge> purge(storage::Database& db, const std::string& before, const Who& who) const;

 private:
  std::string row_mac(const std::string& uid, const std::string& occurred_at, const Who& who,
                      const Event& event) const;
  std::string chain_mac(const std::string& previous, int64_t seq, const std::string& row_mac) const;
  std::string anchor_mac(int64_t seq, const std::string& chain_mac) const;
  std::string genesis() const;
  Result<Head> head_in(storage::Session& s) const;
  Result<int64_t> seal_batch(storage::Session& s) const;

  const Clock& clock_;
  ChainKeys keys_;
  const kit::Registry& registry_;
};

struct Entry {
  int64_t id = 0;
  std::string occurred_at;
  std::string username;
  std::string role;
  std::string unit_code;
  std::string object_unit;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string result;
  std::string source_ip;
  std::string request_id;
  std::string detail;
  std::optional<int64_t> user_id;  // none for the system and for failed logins of unknown names
  // The account's display name now (query() reads it), none when the account is gone.
  std::optional<std::string> display_name;
};

struct Filter {
  std::optional<std::string> from;  // YYYY-MM-DD, inclusive, a day in China time (UTC+8)
  std::optional<std::string> to;    // YYYY-MM-DD, inclusive
  std::optional<std::string> username;
  std::optional<std::string> action;
  // Entries whose actor's unit or object's unit lies in the current subtree of one of these
  // units (storage::in_subtrees); none: no entries, unless every_unit.
  std::vector<std::string> scope_roots;
  // Every entry, scope_roots ignored, including those that name no unit (failed logins of
  // unknown names), which only an auditor at the province may see: the caller decides, and must
  // say so here rather than by leaving the roots empty.
  bool every_unit = false;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct EntryPage {
  std::vector<Entry> items;
  // The entries matching the filter, counted up to kCountAhead past the end of this page; when
  // there are more, `total` is that horizon and `total_exact` false ("at least").
  int64_t total = 0;
  bool total_exact = true;
};

// How far past the requested page query() counts. Counting every entry of a county's year
// fetches each of them (tens of thousands of random reads on PostgreSQL, 130 ms at 1 M entries);
// counting to a horizon bounds the work, and nobody pages through a thousand entries without
// narrowing the filter.
inline constexpr int64_t kCountAhead = 1000;

// Newest first.
Result<EntryPage> query(storage::Database& db, const Filter& filter);

}  // namespace shequ::audit
