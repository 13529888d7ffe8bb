#include "volunteer/hour_repository.hpp"

#include "volunteer/volunteer_repository.hpp"

namespace shequ::volunteer::repository {

using storage::optional_value;
using storage::Row;
using storage::Value;

namespace {

constexpr const char* kColumns =
    "seq, volunteer_id, activity_id, unit_code, served_on, minutes, corrects, reason, "
    "recorded_by, recorded_at, mac";

HourEntry entry_of(const Row& row) {
  return HourEntry{.seq = row.integer(0),
                   .volunteer_id = row.integer(1),
                   .activity_id = row.integer(2),
                   .unit_code = row.text(3),
                   .served_on = row.text(4),
                   .minutes = row.integer(5),
                   .corrects = row.optional_integer(6),
                   .reason = row.text(7),
                   .recorded_by = row.optional_integer(8).value_or(0),
                   .recorded_at = row.text(9),
                   .mac = row.text(10)};
}

}  // namespace

Result<HourEntry> append_hours(storage::Session& s, const ChainKey& key, HourEntry entry) {
  const std::string lock = s.dialect() == storage::Dialect::postgres ? " FOR UPDATE" : "";
  SHEQU_ASSIGN_OR_RETURN(
      auto head, s.query_one("SELECT seq, mac FROM volunteer_hour_head WHERE id = 1" + lock));
  if (!head) return Error::internal("volunteer_hour_head has no row");
  entry.seq = head->integer(0) + 1;
  entry.mac = entry_mac(key, head->text(1), entry);
  const std::vector<Value> params{entry.seq,
                                  entry.volunteer_id,
                                  entry.activity_id,
                                  entry.unit_code,
                                  entry.served_on,
                                  entry.minutes,
                                  optional_value(entry.corrects),
                                  entry.reason,
                                  account_value(entry.recorded_by),
                                  entry.recorded_at,
                                  entry.mac};
  SHEQU_TRY(s.execute(std::string("INSERT INTO volunteer_hour (") + kColumns +
                          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                      params));
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t moved,
      s.execute("UPDATE volunteer_hour_head SET seq = $1, mac = $2 WHERE id = 1 AND seq = $3",
                std::vector<Value>{entry.seq, entry.mac, entry.seq - 1}));
  if (moved != 1) return Error::internal("the hour record's head moved while it was held");
  return entry;
}

Status hold_hours(storage::Session& s) {
  if (s.dialect() != storage::Dialect::postgres) return {};
  SHEQU_TRY(s.query_one("SELECT seq FROM volunteer_hour_head WHERE id = 1 FOR UPDATE"));
  return {};
}

Status for_each_hour(storage::Session& s, const std::function<Status(const HourEntry&)>& on_entry) {
  return s.for_each(std::string("SELECT ") + kColumns + " FROM volunteer_hour ORDER BY seq", {},
                    [&](const Row& row) { return on_entry(entry_of(row)); });
}

Result<std::optional<HourEntry>> find_hour(storage::Session& s, int64_t seq) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string("SELECT ") + kColumns +
                                                   " FROM volunteer_hour WHERE seq = $1",
                                               std::vector<Value>{seq}));
  if (!row) return std::optional<HourEntry>();
  return std::optional<HourEntry>(entry_of(*row));
}

Result<int64_t> corrected_minutes(storage::Session& s, int64_t seq) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT COALESCE(SUM(minutes), 0) FROM "
                                               "volunteer_hour WHERE corrects = $1",
                                               std::vector<Value>{seq}));
  return row ? row->integer(0) : 0;
}

Result<std::vector<HourEntry>> hours_of(storage::Session& s, int64_t volunteer_id) {
  SHEQU_ASSIGN_OR_RETURN(auto rows,
                         s.query(std::string("SELECT ") + kColumns +
                                     " FROM volunteer_hour WHERE volunteer_id = $1 ORDER BY seq",
                                 std::vector<Value>{volunteer_id}));
  std::vector<HourEntry> entries;
  for (const Row& row : rows) entries.push_back(entry_of(row));
  return entries;
}

}  // namespace shequ::volunteer::repository
