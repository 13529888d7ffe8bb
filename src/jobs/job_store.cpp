#include "jobs/job_store.hpp"

#include <fmt/format.h>

#include "storage/scope.hpp"

namespace shequ::jobs {

namespace {

using storage::Row;
using storage::Value;

constexpr std::string_view kColumns =
    "id, kind, unit_code, created_by, created_by_name, state, params, result, error_zh, "
    "error_en, progress, attempts, max_attempts, server, cancel_requested, created_at, "
    "started_at, finished_at";

Job job_from(const Row& row) {
  Job job;
  job.id = row.integer(0);
  job.kind = row.text(1);
  job.unit_code = row.text(2);
  job.created_by = row.optional_integer(3);
  job.created_by_name = row.text(4);
  job.state = parse_state(row.text(5)).value_or(JobState::failed);
  // Written by this program only; an unreadable value is shown as nothing rather than failing
  // the whole list.
  job.params = Json::parse(row.text(6), nullptr, false);
  if (job.params.is_discarded()) job.params = Json::object();
  if (auto result = row.optional_text(7)) {
    Json parsed = Json::parse(*result, nullptr, false);
    if (!parsed.is_discarded()) job.result = std::move(parsed);
  }
  if (auto zh = row.optional_text(8)) job.error = Text{*zh, row.optional_text(9).value_or(*zh)};
  job.progress = row.real(10);
  job.attempts = static_cast<int>(row.integer(11));
  job.max_attempts = static_cast<int>(row.integer(12));
  job.server = row.optional_text(13).value_or("");
  job.cancel_requested = row.integer(14) != 0;
  job.created_at = row.text(15);
  job.started_at = row.optional_text(16).value_or("");
  job.finished_at = row.optional_text(17).value_or("");
  return job;
}

Value optional_value(const std::optional<int64_t>& v) {
  return v ? Value{*v} : Value{nullptr};
}

}  // namespace

std::string_view state_name(JobState state) {
  switch (state) {
    case JobState::queued:
      return "queued";
    case JobState::running:
      return "running";
    case JobState::done:
      return "done";
    case JobState::failed:
      return "failed";
    case JobState::cancelled:
      return "cancelled";
  }
  return "failed";
}

std::optional<JobState> parse_state(std::string_view name) {
  for (JobState s : {JobState::queued, JobState::running, JobState::done, JobState::failed,
                     JobState::cancelled}) {
    if (state_name(s) == name) return s;
  }
  return std::nullopt;
}

bool finished(JobState state) {
  return state == JobState::done || state == JobState::failed || state == JobState::cancelled;
}

namespace store {

Result<Job> insert(storage::Session& s, const NewJob& job, int max_attempts, std::string_view now) {
  const Value params[] = {job.kind,
                          job.unit_code,
                          optional_value(job.created_by),
                          job.created_by_name,
                          job.params.dump(),
                          int64_t{max_attempts},
                          std::string(now)};
  SHEQU_ASSIGN_OR_RETURN(
      auto rows,
      s.query(fmt::format("INSERT INTO job (kind, unit_code, created_by, created_by_name, state, "
                          "params, max_attempts, created_at) "
                          "VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7) RETURNING {}",
                          kColumns),
              params));
  return job_from(rows.at(0));
}

Result<bool> insert_scheduled(storage::Session& s, std::string_view kind, int64_t slot,
                              std::string_view unit_code, int max_attempts, std::string_view now) {
  const Value params[] = {std::string(kind), std::string(unit_code), int64_t{max_attempts},
                          std::string(now), slot};
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t inserted,
      s.execute("INSERT INTO job (kind, unit_code, created_by_name, state, params, max_attempts, "
                "created_at, schedule_slot) "
                "VALUES ($1, $2, 'system', 'queued', '{}', $3, $4, $5) "
                "ON CONFLICT (kind, schedule_slot) DO NOTHING",
                params));
  return inserted > 0;
}

Result<std::optional<Job>> find(storage::Session& s, int64_t id) {
  const Value params[] = {id};
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one(fmt::format("SELECT {} FROM job WHERE id = $1", kColumns), params));
  if (!row) return std::optional<Job>();
  return std::optional<Job>(job_from(*row));
}

Result<JobPage> list(storage::Session& s, const JobFilter& filter) {
  std::vector<Value> params;
  std::string where = "1 = 1";
  if (filter.kind) {
    params.emplace_back(*filter.kind);
    where += fmt::format(" AND kind = ${}", params.size());
  }
  if (filter.state) {
    params.emplace_back(std::string(state_name(*filter.state)));
    where += fmt::format(" AND state = ${}", params.size());
  }
  if (filter.created_by) {
    params.emplace_back(*filter.created_by);
    where += fmt::format(" AND created_by = ${}", params.size());
  }
  if (!filter.everywhere) {
    where += " AND " + storage::in_subtrees(s.dialect(), {"unit_code"}, filter.roots, params);
  }
  JobPage page;
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM job WHERE " + where, params));
  page.total = count ? count->integer(0) : 0;
  params.emplace_back(filter.limit);
  params.emplace_back(filter.offset);
  SHEQU_ASSIGN_OR_RETURN(auto rows,
                         s.query(fmt::format("SELECT {} FROM job WHERE {} ORDER BY id DESC "
                                             "LIMIT ${} OFFSET ${}",
                                             kColumns, where, params.size() - 1, params.size()),
                                 params));
  for (const Row& row : rows) page.items.push_back(job_from(row));
  return page;
}

Result<int64_t> count_active(storage::Session& s, std::string_view kind,
                             std::optional<int64_t> created_by) {
  std::vector<Value> params{std::string(kind)};
  std::string sql = "SELECT COUNT(*) FROM job WHERE kind = $1 AND state IN ('queued', 'running')";
  if (created_by) {
    params.emplace_back(*created_by);
    sql += " AND created_by = $2";
  }
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(sql, params));
  return row ? row->integer(0) : 0;
}

Result<std::optional<Job>> claim(storage::Session& s, std::span<const std::string> kinds,
                                 std::string_view server, std::string_view now) {
  if (kinds.empty()) return std::optional<Job>();
  std::vector<Value> params{std::string(server), std::string(now)};
  std::string in;
  for (const std::string& kind : kinds) {
    params.emplace_back(kind);
    in += fmt::format("{}${}", in.empty() ? "" : ", ", params.size());
  }
  // SQLite runs one writer at a time, so the inner SELECT cannot race there; PostgreSQL lets
  // servers claim at once, and SKIP LOCKED makes each take a different job without waiting.
  const std::string_view lock =
      s.dialect() == storage::Dialect::postgres ? " FOR UPDATE SKIP LOCKED" : "";
  SHEQU_ASSIGN_OR_RETURN(
      auto rows,
      s.query(fmt::format("UPDATE job SET state = 'running', server = $1, started_at = $2, "
                          "heartbeat_at = $2, attempts = attempts + 1, progress = 0 "
                          "WHERE id = (SELECT id FROM job WHERE state = 'queued' AND kind IN ({}) "
                          "ORDER BY id LIMIT 1{}) RETURNING {}",
                          in, lock, kColumns),
              params));
  if (rows.empty()) return std::optional<Job>();
  return std::optional<Job>(job_from(rows.front()));
}

Result<Heartbeat> heartbeat(storage::Session& s, int64_t id, std::string_view server,
                            double progress, std::string_view now) {
  const Value params[] = {progress, std::string(now), id, std::string(server)};
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("UPDATE job SET progress = $1, heartbeat_at = $2 "
                                     "WHERE id = $3 AND server = $4 AND state = 'running' "
                                     "RETURNING cancel_requested",
                                     params));
  if (!row) return Heartbeat::lost;
  return row->integer(0) != 0 ? Heartbeat::cancel : Heartbeat::keep_going;
}

Result<bool> finish(storage::Session& s, int64_t id, std::string_view server, JobState state,
                    const std::optional<Json>& result, const std::optional<Text>& reason,
                    std::string_view now) {
  const Value params[] = {
      std::string(state_name(state)),
      result ? Value{result->dump()} : Value{nullptr},
      reason ? Value{reason->zh} : Value{nullptr},
      reason ? Value{reason->en} : Value{nullptr},
      std::string(now),
      id,
      std::string(server),
  };
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE job SET state = $1, result = $2, error_zh = $3, error_en = $4, "
                "finished_at = $5, progress = CASE WHEN $1 = 'done' THEN 1 ELSE progress END "
                "WHERE id = $6 AND server = $7 AND state = 'running'",
                params));
  return changed > 0;
}

Status release(storage::Session& s, int64_t id, std::string_view server) {
  const Value params[] = {id, std::string(server)};
  SHEQU_TRY(
      s.execute("UPDATE job SET state = 'queued', server = NULL, heartbeat_at = NULL, "
                "attempts = attempts - 1 "
                "WHERE id = $1 AND server = $2 AND state = 'running'",
                params));
  return {};
}

Result<int64_t> recover_stale(storage::Session& s, std::string_view silent_since,
                              std::string_view now) {
  const Text reason{"运行该任务的服务器已停止响应，已达最多尝试次数",
                    "the server running the job stopped answering, and no attempts are left"};
  const Value params[] = {std::string(silent_since), reason.zh, reason.en, std::string(now)};
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t failed,
      s.execute("UPDATE job SET state = 'failed', error_zh = $2, error_en = $3, finished_at = $4 "
                "WHERE state = 'running' AND heartbeat_at < $1 AND attempts >= max_attempts",
                params));
  const Value requeue[] = {std::string(silent_since)};
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t queued,
      s.execute("UPDATE job SET state = 'queued', server = NULL, heartbeat_at = NULL "
                "WHERE state = 'running' AND heartbeat_at < $1",
                requeue));
  return failed + queued;
}

Result<std::optional<Job>> request_cancel(storage::Session& s, int64_t id, const Text& reason,
                                          std::string_view now) {
  const Value params[] = {id, reason.zh, reason.en, std::string(now)};
  SHEQU_TRY(
      s.execute("UPDATE job SET state = 'cancelled', error_zh = $2, error_en = $3, "
                "finished_at = $4 WHERE id = $1 AND state = 'queued'",
                params));
  const Value running[] = {id};
  SHEQU_TRY(s.execute("UPDATE job SET cancel_requested = 1 WHERE id = $1 AND state = 'running'",
                      running));
  return find(s, id);
}

Result<int64_t> purge(storage::Session& s, std::string_view before) {
  const Value params[] = {std::string(before)};
  return s.execute(
      "DELETE FROM job WHERE state IN ('done', 'failed', 'cancelled') AND finished_at < $1",
      params);
}

}  // namespace store

}  // namespace shequ::jobs
