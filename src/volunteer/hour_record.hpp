// The hour record as the module's services use it (ADR 0030): appends chained and audited in the
// writer's transaction, and the verification of the whole record against the audit log.
//
// Thread-safe: immutable after construction.
#pragma once

#include <vector>

#include "audit/audit_log.hpp"
#include "common/result.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "volunteer/hour_chain.hpp"

namespace shequ::volunteer {

struct HourVerification {
  int64_t entries = 0;      // entries read
  int64_t last_seq = 0;     // the seq the record ends at
  int64_t audited_seq = 0;  // the newest entry the audit log names
  std::vector<ChainFlaw> flaws;
  // The record ends before the newest entry the audit log names: its newest entries are gone.
  bool truncated() const { return last_seq < audited_seq; }
  bool intact() const { return flaws.empty() && !truncated(); }
};

class HourRecord {
 public:
  // Every reference must outlive the record.
  HourRecord(storage::Database& db, const audit::Log& audit, const privacy::Keyring& keyring);

  // Appends `entry` (its seq and MAC are given here) within the caller's write transaction, with
  // the audit row that anchors it.
  Result<HourEntry> append(storage::Session& s, const audit::Who& who, HourEntry entry) const;

  // Reads every entry in seq order and checks it, then compares the end with the audit log.
  // Verify the audit log itself (`shequ audit verify`) to trust the anchor.
  Result<HourVerification> verify() const;

 private:
  storage::Database& db_;
  const audit::Log& audit_;
  ChainKey key_;
};

}  // namespace shequ::volunteer
