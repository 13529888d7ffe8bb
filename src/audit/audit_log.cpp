#include "audit/audit_log.hpp"

#include <openssl/evp.h>

#include <fmt/format.h>

namespace shequ::audit {

using storage::Row;
using storage::Value;

namespace {

const std::string kGenesis(64, '0');
constexpr int64_t kChainLock = 7423162;  // pg_advisory_xact_lock key of the audit chain

constexpr std::string_view kColumns =
    "id, occurred_at, username, role, unit_code, action, object_type, object_id, result, "
    "source_ip, request_id, detail";

// The hashed form of a row: every field, separated by a unit separator that no field holds.
// The detail joins only when present, so rows written before it existed verify unchanged.
std::string chain_input(const std::string& prev_hash, const std::string& occurred_at,
                        const std::optional<int64_t>& user_id, const Who& who, const Event& e) {
  std::string input = fmt::format(
      "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", prev_hash,
      occurred_at, user_id ? std::to_string(*user_id) : "", who.username, who.role, who.unit_code,
      e.action, e.object_type, e.object_id, e.result, who.source_ip, who.request_id);
  if (!e.detail.empty()) input += "\x1f" + e.detail;
  return input;
}

std::string without_separators(std::string text) {
  for (char& c : text) {
    if (c == '\x1f') c = ' ';
  }
  return text;
}

Entry entry_from_row(const Row& row) {
  return Entry{row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4),  row.text(5),
               row.text(6),    row.text(7), row.text(8), row.text(9), row.text(10), row.text(11)};
}

}  // namespace

std::string sm3_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sm3(), nullptr);
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

Who operator_who() {
  return Who{std::nullopt, "system", "operator", "", "", ""};
}

Who who(const Actor& actor, std::string_view permission) {
  return Who{actor.user_id,   actor.username,  actor.role_for(permission),
             actor.unit_code, actor.source_ip, actor.request_id};
}

Status append(storage::Session& s, const Clock& clock, const Who& raw_who, const Event& raw_event) {
  if (s.dialect() == storage::Dialect::postgres) {
    const std::vector<Value> key{kChainLock};
    SHEQU_TRY(s.query("SELECT pg_advisory_xact_lock($1)", key));
  }
  Who who = raw_who;
  who.username = without_separators(who.username);
  Event event = raw_event;
  event.object_id = without_separators(event.object_id);
  event.detail = without_separators(event.detail);
  SHEQU_ASSIGN_OR_RETURN(auto last,
                         s.query_one("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
  const std::string prev_hash = last ? last->text(0) : kGenesis;
  const std::string occurred_at = format_timestamp(clock.now());
  const std::string hash = sm3_hex(chain_input(prev_hash, occurred_at, who.user_id, who, event));
  const std::vector<Value> params{occurred_at,
                                  who.user_id ? Value{*who.user_id} : Value{nullptr},
                                  who.username,
                                  who.role,
                                  who.unit_code,
                                  event.action,
                                  event.object_type,
                                  event.object_id,
                                  event.result,
                                  who.source_ip,
                                  who.request_id,
                                  prev_hash,
                                  hash,
                                  event.detail};
  SHEQU_TRY(
      s.execute("INSERT INTO audit_log (occurred_at, user_id, username, role, unit_code, action, "
                "object_type, object_id, result, source_ip, request_id, prev_hash, hash, detail) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                params));
  return {};
}

Result<EntryPage> query(storage::Database& db, const Filter& filter) {
  // Optional filters as "($n = '' OR column = $n)" keep one statement for every combination.
  std::string roots;
  for (const std::string& root : filter.scope_roots) roots += "," + root;
  if (!roots.empty()) roots += ",";
  // Days are China days, as users see them; the last millisecond of `to` is included.
  const std::vector<Value> params{
      filter.from && is_valid_date(*filter.from) ? format_timestamp(china_day_start(*filter.from))
                                                 : std::string(),
      filter.to && is_valid_date(*filter.to)
          ? format_timestamp(china_day_end(*filter.to) - std::chrono::milliseconds(1))
          : std::string(),
      filter.username.value_or(""),
      filter.action.value_or(""),
      roots,
      filter.limit,
      filter.offset};
  // The scope is walked over the current parent links, as for account lists.
  const std::string where =
      " FROM audit_log WHERE ($1 = '' OR occurred_at >= $1) AND ($2 = '' OR occurred_at <= $2)"
      " AND ($3 = '' OR username = $3) AND ($4 = '' OR action = $4)"
      " AND ($5 = '' OR unit_code IN (WITH RECURSIVE scope(code) AS ("
      " SELECT code FROM org_unit WHERE $5 LIKE '%,' || code || ',%'"
      " UNION SELECT p.code FROM org_unit_parent p JOIN scope ON p.parent_code = scope.code"
      " WHERE p.valid_to IS NULL) SELECT code FROM scope))";
  return db.read_value<EntryPage>([&](storage::Session& s) -> Result<EntryPage> {
    EntryPage page;
    const std::span<const Value> filters(params.data(), 5);
    SHEQU_ASSIGN_OR_RETURN(auto count, s.query_one("SELECT COUNT(*)" + where, filters));
    page.total = count->integer(0);
    SHEQU_ASSIGN_OR_RETURN(
        auto rows,
        s.query(fmt::format("SELECT {}{} ORDER BY id DESC LIMIT $6 OFFSET $7", kColumns, where),
                params));
    for (const Row& row : rows) page.items.push_back(entry_from_row(row));
    return page;
  });
}

Result<Purge> purge(storage::Database& db, const Clock& clock, const std::string& before,
                    const Who& who) {
  const std::string latest_allowed =
      format_date(clock.now() - std::chrono::days(kMinimumRetentionDays));
  if (!is_valid_date(before) || before > latest_allowed) {
    return Error::invalid(
        "before", {fmt::format("审计日志至少保留 {} 天：日期须为 YYYY-MM-DD 且不晚于 {}",
                               kMinimumRetentionDays, latest_allowed),
                   fmt::format("audit rows are kept at least {} days: the date must be YYYY-MM-DD "
                               "and not after {}",
                               kMinimumRetentionDays, latest_allowed)});
  }
  const std::string cutoff = format_timestamp(china_day_start(before));
  return db.write_value<Purge>([&](storage::Session& s) -> Result<Purge> {
    if (s.dialect() == storage::Dialect::postgres) {
      const std::vector<Value> key{kChainLock};
      SHEQU_TRY(s.query("SELECT pg_advisory_xact_lock($1)", key));
    }
    const std::vector<Value> params{cutoff};
    SHEQU_ASSIGN_OR_RETURN(auto last,
                           s.query_one("SELECT id, hash FROM audit_log WHERE occurred_at < $1 "
                                       "ORDER BY id DESC LIMIT 1",
                                       params));
    Purge result;
    if (last) {
      const std::vector<Value> anchor{format_timestamp(clock.now()), before, last->integer(0),
                                      last->text(1)};
      SHEQU_TRY(
          s.execute("INSERT INTO audit_anchor (purged_at, before_date, last_id, last_hash) "
                    "VALUES ($1, $2, $3, $4)",
                    anchor));
      const std::vector<Value> up_to{last->integer(0)};
      SHEQU_ASSIGN_OR_RETURN(result.removed,
                             s.execute("DELETE FROM audit_log WHERE id <= $1", up_to));
    }
    SHEQU_TRY(append(
        s, clock, who,
        {"audit.purge", "audit_log", before, "success",
         fmt::format("removed {} entries that occurred before {}", result.removed, before)}));
    return result;
  });
}

Result<Verification> verify(storage::Database& db) {
  return db.read_value<Verification>([](storage::Session& s) -> Result<Verification> {
    Verification out;
    // After a purge the chain continues from the hash of the last row removed.
    SHEQU_ASSIGN_OR_RETURN(
        auto anchor, s.query_one("SELECT last_hash FROM audit_anchor ORDER BY id DESC LIMIT 1"));
    std::string expected_prev = anchor ? anchor->text(0) : kGenesis;
    SHEQU_TRY(s.for_each(
        "SELECT id, occurred_at, user_id, username, role, unit_code, action, object_type, "
        "object_id, result, source_ip, request_id, prev_hash, hash, detail FROM audit_log "
        "ORDER BY id",
        {}, [&](const Row& row) -> Status {
          ++out.entries;
          if (out.first_broken_id) return {};
          const Who who{row.optional_integer(2),
                        row.text(3),
                        row.text(4),
                        row.text(5),
                        row.text(10),
                        row.text(11)};
          const Event event{row.text(6), row.text(7), row.text(8), row.text(9), row.text(14)};
          const std::string prev = row.text(12);
          const std::string computed =
              sm3_hex(chain_input(prev, row.text(1), who.user_id, who, event));
          if (prev != expected_prev || computed != row.text(13)) {
            out.first_broken_id = row.integer(0);
          }
          expected_prev = row.text(13);
          return {};
        }));
    return out;
  });
}

}  // namespace shequ::audit
