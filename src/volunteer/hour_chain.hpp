// The volunteer hour record's chain (ADR 0030). Each entry's MAC covers the previous entry's MAC,
// its place in the record (seq) and its fields, under a key from the key file: an entry edited in
// the database fails its MAC, a removed one leaves a gap in seq, and none can be made anew
// without the key file. Entries are never updated or deleted; a correction is an entry of its own
// naming the one it corrects.
//
// Value types and pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shequ::volunteer {

struct HourEntry {
  int64_t seq = 0;  // 1, 2, 3 ... in the order written
  int64_t volunteer_id = 0;
  int64_t activity_id = 0;
  std::string unit_code;  // the unit that held the activity
  std::string served_on;  // YYYY-MM-DD, China
  // Minutes served; in a correction the difference it makes (negative when hours were too many).
  int64_t minutes = 0;
  std::optional<int64_t> corrects;  // the seq of the entry this one corrects
  std::string reason;               // why, for a correction; empty otherwise
  int64_t recorded_by = 0;          // the account that confirmed the hours; 0 a machine client
  std::string recorded_at;          // format_timestamp
  std::string mac;                  // 64 hex digits
};

using ChainKey = std::array<unsigned char, 32>;

// The MAC the first entry follows.
inline constexpr std::string_view kGenesisMac =
    "0000000000000000000000000000000000000000000000000000000000000000";

// HMAC-SM3 under `key` of the previous entry's MAC, the entry's seq and every field but its own
// MAC, each length-prefixed (no two entries encode alike): 64 hex digits.
std::string entry_mac(const ChainKey& key, std::string_view previous_mac, const HourEntry& entry);

// What is wrong with an entry, or before it.
enum class Flaw {
  edited,        // its MAC does not hold: a field was changed
  follows_gap,   // entries before it are missing (removed); its own MAC cannot be checked
  out_of_order,  // its seq does not follow the one before (a duplicate or a step back)
};

struct ChainFlaw {
  Flaw flaw;
  int64_t seq = 0;
  int64_t volunteer_id = 0;
  int64_t activity_id = 0;
  // follows_gap: the seqs missing before it, [missing_from, seq)
  int64_t missing_from = 0;
};

// Checks a chain fed entry by entry in seq order, without holding it.
class ChainCheck {
 public:
  explicit ChainCheck(const ChainKey& key) : key_(key) {}
  void add(const HourEntry& entry);
  // When the chain should run to `seq` (the audit log names it) but ends before: the newest
  // entries were removed.
  bool ends_before(int64_t seq) const { return last_seq_ < seq; }

  const std::vector<ChainFlaw>& flaws() const { return flaws_; }
  int64_t entries() const { return entries_; }
  int64_t last_seq() const { return last_seq_; }
  const std::string& last_mac() const { return last_mac_; }

 private:
  ChainKey key_;
  std::vector<ChainFlaw> flaws_;
  int64_t entries_ = 0;
  int64_t last_seq_ = 0;
  std::string last_mac_{kGenesisMac};
};

}  // namespace shequ::volunteer
