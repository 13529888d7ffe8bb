// SQL of the hour record (migration 0029). The only writes are appends: there is no statement
// that updates or deletes an entry.
#pragma once

#include <functional>
#include <optional>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "volunteer/hour_chain.hpp"

namespace shequ::volunteer::repository {

// Appends `entry` at the end of the chain within the caller's write transaction: takes the head
// (locked until the commit on PostgreSQL; SQLite has one writer), gives the entry the next seq
// and its MAC under `key`, inserts it and moves the head. Returns the entry as stored.
Result<HourEntry> append_hours(storage::Session& s, const ChainKey& key, HourEntry entry);
// Holds the record's head until the commit (on PostgreSQL; SQLite has one writer) before a
// writer reads what its entries depend on (a day's minutes, an entry's corrections), so that
// two servers writing at once cannot both pass the same check.
Status hold_hours(storage::Session& s);

// Every entry in seq order, streamed.
Status for_each_hour(storage::Session& s, const std::function<Status(const HourEntry&)>& on_entry);

// One entry, and the minutes of the corrections that name it (0 without any).
Result<std::optional<HourEntry>> find_hour(storage::Session& s, int64_t seq);
Result<int64_t> corrected_minutes(storage::Session& s, int64_t seq);

// The entries of one volunteer, in seq order.
Result<std::vector<HourEntry>> hours_of(storage::Session& s, int64_t volunteer_id);

}  // namespace shequ::volunteer::repository
