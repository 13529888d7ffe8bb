#include "audit/audit_log.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/files.hpp"
#include "common/strings.hpp"
#include "privacy/crypto.hpp"
#include "storage/scope.hpp"

namespace shequ::audit {

using storage::Row;
using storage::Value;

namespace {

constexpr int64_t kSealBatch = 1000;
constexpr std::string_view kCheckpointTag = "shequ-audit-checkpoint/1";
const Text kCheckpointFile{"审计检查点文件", "audit checkpoint file"};

constexpr std::string_view kEntryColumns =
    "id, occurred_at, username, role, unit_code, object_unit, action, object_type, object_id, "
    "result, source_ip, request_id, detail, user_id";
// Everything row_mac covers, then what sealing added.
constexpr std::string_view kChainColumns =
    "id, entry_uid, occurred_at, user_id, username, role, unit_code, object_unit, action, "
    "object_type, object_id, result, source_ip, request_id, detail, row_mac, seq, chain_mac";

// Each field as "<length>:<bytes>", so that no choice of contents can make two rows hash alike.
void add_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

struct ChainRow {
  int64_t id = 0;
  std::string uid;
  std::string occurred_at;
  Who who;
  Event event;
  std::string row_mac;
  std::optional<int64_t> seq;
  std::string chain_mac;
};

ChainRow chain_row(const Row& row) {
  ChainRow out;
  out.id = row.integer(0);
  out.uid = row.text(1);
  out.occurred_at = row.text(2);
  out.who = Who{
      row.optional_integer(3), row.text(4), row.text(5), row.text(6), row.text(12), row.text(13)};
  out.event =
      Event{row.text(8), row.text(9), row.text(10), row.text(11), row.text(14), row.text(7)};
  out.row_mac = row.text(15);
  out.seq = row.optional_integer(16);
  out.chain_mac = row.optional_text(17).value_or("");
  return out;
}

Entry entry_from_row(const Row& row) {
  return Entry{row.integer(0), row.text(1),
               row.text(2),    row.text(3),
               row.text(4),    row.text(5),
               row.text(6),    row.text(7),
               row.text(8),    row.text(9),
               row.text(10),   row.text(11),
               row.text(12),   row.optional_integer(13),
               std::nullopt};
}

// Reads the display names of the entries' accounts, in one query for the page. The accounts are
// the auth module's (app_user), which depends on this one, so the name is looked up here rather
// than asked of it; an entry keeps naming its account by user name even after the account goes.
Status add_display_names(storage::Session& s, std::vector<Entry>& entries) {
  std::vector<Value> ids;
  std::string placeholders;
  for (const Entry& e : entries) {
    if (!e.user_id || std::find(ids.begin(), ids.end(), Value{*e.user_id}) != ids.end()) continue;
    ids.emplace_back(*e.user_id);
    placeholders += fmt::format("{}${}", placeholders.empty() ? "" : ", ", ids.size());
  }
  if (ids.empty()) return {};
  std::map<int64_t, std::string> names;
  SHEQU_TRY(s.for_each(
      fmt::format("SELECT id, display_name FROM app_user WHERE id IN ({})", placeholders), ids,
      [&](const Row& row) -> Status {
        names.emplace(row.integer(0), row.text(1));
        return {};
      }));
  for (Entry& e : entries) {
    if (!e.user_id) continue;
    if (auto it = names.find(*e.user_id); it != names.end()) e.display_name = it->second;
  }
  return {};
}

std::string random_uid() {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return privacy::to_hex(bytes);
}

std::string base64(std::span<const unsigned char> bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

struct KeyPair {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
};

KeyPair signing_pair(const std::array<unsigned char, 32>& seed) {
  static_assert(crypto_sign_SEEDBYTES == 32);
  KeyPair pair;
  crypto_sign_seed_keypair(pair.public_key.data(), pair.secret_key.data(), seed.data());
  return pair;
}

std::string checkpoint_message(const Head& head, const std::string& at) {
  return fmt::format("{} seq={} mac={} at={}", kCheckpointTag, head.seq, head.chain_mac, at);
}

// A checkpoint line whose signature holds, or nullopt.
std::optional<Checkpoint> parse_checkpoint(const std::string& line, const KeyPair& keys) {
  const auto sig_at = line.rfind(" sig=");
  if (!line.starts_with(kCheckpointTag) || sig_at == std::string::npos) return std::nullopt;
  const std::string message = line.substr(0, sig_at);
  const std::string encoded = line.substr(sig_at + 5);
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  std::size_t length = 0;
  if (sodium_base642bin(signature.data(), signature.size(), encoded.data(), encoded.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != signature.size() ||
      crypto_sign_verify_detached(signature.data(),
                                  reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(), keys.public_key.data()) != 0) {
    return std::nullopt;
  }
  Checkpoint checkpoint;
  checkpoint.line = line;
  std::size_t from = kCheckpointTag.size() + 1;
  while (from < message.size()) {
    const auto space = message.find(' ', from);
    const std::string field = message.substr(from, space - from);
    if (field.starts_with("seq=")) {
      checkpoint.head.seq = parse_decimal(field.substr(4)).value_or(-1);
    } else if (field.starts_with("mac=")) {
      checkpoint.head.chain_mac = field.substr(4);
    } else if (field.starts_with("at=")) {
      checkpoint.at = field.substr(3);
    }
    if (space == std::string::npos) break;
    from = space + 1;
  }
  if (checkpoint.head.seq < 0 || checkpoint.head.chain_mac.size() != 64) return std::nullopt;
  return checkpoint;
}

Status append_line(const std::string& file, const std::string& line) {
  SHEQU_TRY(create_private_file(file));
  SHEQU_TRY(check_private_file(file, kCheckpointFile));
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) {
    return Error::unavailable(fmt::format("cannot open {}: {}", file, std::strerror(errno)));
  }
  const std::string text = line + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    return Error::unavailable(fmt::format("cannot write {}: {}", file, std::strerror(errno)));
  }
  return {};
}

}  // namespace

Who operator_who() {
  return Who{std::nullopt, "system", "operator", "", "", ""};
}

Who who(const Actor& actor, std::string_view permission) {
  return Who{actor.user_id,   actor.username,  actor.role_for(permission),
             actor.unit_code, actor.source_ip, actor.request_id};
}

Log::Log(const Clock& clock, ChainKeys keys, const kit::Registry& registry)
    : clock_(clock), keys_(keys), registry_(registry) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string Log::row_mac(const std::string& uid, const std::string& occurred_at, const Who& who,
                         const Event& event) const {
  std::string input;
  for (std::string_view field :
       {std::string_view(uid), std::string_view(occurred_at),
        std::string_view(who.user_id ? std::to_string(*who.user_id) : std::string()),
        std::string_view(who.username), std::string_view(who.role), std::string_view(who.unit_code),
        std::string_view(event.object_unit), std::string_view(event.action),
        std::string_view(event.object_type), std::string_view(event.object_id),
        std::string_view(event.result), std::string_view(who.source_ip),
        std::string_view(who.request_id), std::string_view(event.detail)}) {
    add_field(input, field);
  }
  return privacy::to_hex(privacy::hmac_sm3(keys_.mac_key, input));
}

std::string Log::chain_mac(const std::string& previous, int64_t seq,
                           const std::string& row_mac) const {
  return privacy::to_hex(
      privacy::hmac_sm3(keys_.mac_key, fmt::format("chain|{}|{}|{}", previous, seq, row_mac)));
}

std::string Log::anchor_mac(int64_t seq, const std::string& chain_mac) const {
  return privacy::to_hex(
      privacy::hmac_sm3(keys_.mac_key, fmt::format("anchor|{}|{}", seq, chain_mac)));
}

std::string Log::genesis() const {
  return privacy::to_hex(privacy::hmac_sm3(keys_.mac_key, "genesis"));
}

Status Log::append(storage::Session& s, const Who& who, const Event& event) const {
  if (!registry_.declares_audit_action(event.action)) {
    return Error::internal("audit action " + event.action + " is declared by no module");
  }
  const std::string uid = random_uid();
  const std::string occurred_at = format_timestamp(clock_.now());
  const std::vector<Value> params{occurred_at,
                                  who.user_id ? Value{*who.user_id} : Value{nullptr},
                                  who.username,
                                  who.role,
                                  who.unit_code,
                                  event.object_unit,
                                  event.action,
                                  event.object_type,
                                  event.object_id,
                                  event.result,
                                  who.source_ip,
                                  who.request_id,
                                  event.detail,
                                  uid,
                                  row_mac(uid, occurred_at, who, event)};
  SHEQU_TRY(s.execute(
      "INSERT INTO audit_log (occurred_at, user_id, username, role, unit_code, object_unit, "
      "action, object_type, object_id, result, source_ip, request_id, detail, entry_uid, row_mac) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
      params));
  return {};
}

Status Log::record(storage::Database& db, const Who& who, const Event& event) const {
  return db.write([&](storage::Session& s) { return append(s, who, event); });
}

Result<Head> Log::head_in(storage::Session& s) const {
  SHEQU_ASSIGN_OR_RETURN(auto last, s.query_one("SELECT seq, chain_mac FROM audit_log WHERE seq "
                                                "IS NOT NULL ORDER BY seq DESC LIMIT 1"));
  if (last) return Head{last->integer(0), last->text(1)};
  SHEQU_ASSIGN_OR_RETURN(auto anchor, s.query_one("SELECT last_seq, last_chain_mac FROM "
                                                  "audit_anchor ORDER BY id DESC LIMIT 1"));
  if (anchor) return Head{anchor->integer(0), anchor->text(1)};
  return Head{0, genesis()};
}

Result<int64_t> Log::seal_batch(storage::Session& s) const {
  SHEQU_ASSIGN_OR_RETURN(Head head, head_in(s));
  SHEQU_ASSIGN_OR_RETURN(auto legacy, s.query_one("SELECT up_to_id FROM audit_legacy"));
  const int64_t legacy_up_to = legacy ? legacy->integer(0) : 0;
  const std::vector<Value> limit{kSealBatch};
  SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(fmt::format("SELECT {} FROM audit_log WHERE seq IS "
                                                        "NULL ORDER BY id LIMIT $1",
                                                        kChainColumns),
                                            limit));
  for (const Row& raw : rows) {
    ChainRow row = chain_row(raw);
    const std::string computed = row_mac(row.uid, row.occurred_at, row.who, row.event);
    if (row.row_mac.empty() && row.id <= legacy_up_to) {
      row.row_mac = computed;  // written before the chain was keyed
    } else if (row.row_mac != computed) {
      // Sealed as found, so that verify() names it; a writer never produces such a row.
      spdlog::error("audit: entry {} does not match its MAC: written without the key", row.id);
    }
    head.seq += 1;
    head.chain_mac = chain_mac(head.chain_mac, head.seq, row.row_mac);
    const std::vector<Value> params{head.seq, head.chain_mac, row.row_mac, row.id};
    SHEQU_TRY(s.execute("UPDATE audit_log SET seq = $1, chain_mac = $2, row_mac = $3 WHERE id = $4",
                        params));
  }
  return static_cast<int64_t>(rows.size());
}

Result<int64_t> Log::seal(storage::Database& db, WhenBusy when_busy) const {
  int64_t total = 0;
  for (;;) {
    SHEQU_ASSIGN_OR_RETURN(
        int64_t sealed, db.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
          if (s.dialect() == storage::Dialect::postgres) {
            const std::vector<Value> key{kSealerLock};
            if (when_busy == WhenBusy::wait) {
              SHEQU_TRY(s.query("SELECT pg_advisory_xact_lock($1)", key));
              return seal_batch(s);
            }
            SHEQU_ASSIGN_OR_RETURN(auto got,
                                   s.query_one("SELECT CASE WHEN pg_try_advisory_xact_lock($1) "
                                               "THEN 1 ELSE 0 END",
                                               key));
            if (got->integer(0) == 0) return int64_t{-1};
          }
          return seal_batch(s);
        }));
    if (sealed < 0) return total;  // another server is sealing
    total += sealed;
    if (sealed < kSealBatch) return total;
  }
}

Result<Head> Log::head(storage::Database& db) const {
  return db.read_value<Head>([&](storage::Session& s) { return head_in(s); });
}

Result<Checkpoint> Log::checkpoint(storage::Database& db, const std::string& file) const {
  SHEQU_TRY(seal(db, WhenBusy::wait));
  SHEQU_ASSIGN_OR_RETURN(Head current, head(db));
  Checkpoint checkpoint;
  checkpoint.head = current;
  checkpoint.at = format_timestamp(clock_.now());
  const std::string message = checkpoint_message(current, checkpoint.at);
  const KeyPair keys = signing_pair(keys_.signing_seed);
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       keys.secret_key.data());
  checkpoint.line = message + " sig=" + base64(signature);
  SHEQU_TRY(append_line(file, checkpoint.line));
  spdlog::info("audit checkpoint: {}", checkpoint.line);
  return checkpoint;
}

Result<Verification> Log::verify(storage::Database& db, const std::string& file) const {
  Verification out;
  // The file is read before the database: a checkpoint written meanwhile is never newer than
  // the snapshot the chain is read from.
  bool file_found = false;
  {
    std::ifstream in(file);
    file_found = static_cast<bool>(in);
    const KeyPair keys = signing_pair(keys_.signing_seed);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty()) continue;
      auto checkpoint = parse_checkpoint(line, keys);
      if (!checkpoint) {
        out.problem = {
            fmt::format("{} 第 {} 行不是用本密钥签名的检查点", file, number),
            fmt::format("line {} of {} is not a checkpoint signed with this key", number, file)};
        continue;
      }
      if (!out.checkpoint || checkpoint->head.seq >= out.checkpoint->head.seq)
        out.checkpoint = std::move(checkpoint);
    }
  }
  SHEQU_TRY(db.read([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(auto anchor, s.query_one("SELECT last_seq, last_chain_mac, anchor_mac "
                                                    "FROM audit_anchor ORDER BY id DESC LIMIT 1"));
    Head expected{0, genesis()};
    if (anchor) {
      expected = Head{anchor->integer(0), anchor->text(1)};
      if (anchor->text(2) != anchor_mac(expected.seq, expected.chain_mac)) {
        out.problem = {"最近一次清理留下的锚点不是用本密钥写入的",
                       "the last purge anchor was not written with this key"};
      }
    }
    out.head = expected;
    const int64_t first_seq = expected.seq;
    std::optional<std::string> mac_at_checkpoint;
    if (out.checkpoint && out.checkpoint->head.seq == first_seq)
      mac_at_checkpoint = expected.chain_mac;
    auto broken = [&](int64_t id, Text why) {
      if (out.first_broken_id) return;
      out.first_broken_id = id;
      out.problem = std::move(why);
    };
    const auto changed = [](int64_t id) {
      return Text{fmt::format("第 {} 条记录被改动过，或不是用本密钥写入的", id),
                  fmt::format("entry {} was changed or written without the key", id)};
    };
    SHEQU_TRY(s.for_each(
        fmt::format("SELECT {} FROM audit_log WHERE seq IS NOT NULL ORDER BY seq", kChainColumns),
        {}, [&](const Row& raw) -> Status {
          ++out.entries;
          if (out.first_broken_id) return {};
          const ChainRow row = chain_row(raw);
          if (row.row_mac != row_mac(row.uid, row.occurred_at, row.who, row.event)) {
            broken(row.id, changed(row.id));
          } else if (*row.seq != expected.seq + 1) {
            const int64_t missing = *row.seq - expected.seq - 1;
            broken(row.id,
                   {fmt::format("第 {} 条记录之前有 {} 条被删除", row.id, missing),
                    fmt::format("{} entries before entry {} were removed", missing, row.id)});
          } else if (row.chain_mac != chain_mac(expected.chain_mac, *row.seq, row.row_mac)) {
            broken(row.id, {fmt::format("哈希链在第 {} 条记录处不成立", row.id),
                            fmt::format("the chain does not hold at entry {}", row.id)});
          } else {
            expected = Head{*row.seq, row.chain_mac};
            out.head = expected;
            if (out.checkpoint && out.checkpoint->head.seq == expected.seq)
              mac_at_checkpoint = expected.chain_mac;
          }
          return {};
        }));
    SHEQU_ASSIGN_OR_RETURN(auto legacy, s.query_one("SELECT up_to_id FROM audit_legacy"));
    const int64_t legacy_up_to = legacy ? legacy->integer(0) : 0;
    SHEQU_TRY(s.for_each(
        fmt::format("SELECT {} FROM audit_log WHERE seq IS NULL ORDER BY id", kChainColumns), {},
        [&](const Row& raw) -> Status {
          ++out.pending;
          const ChainRow row = chain_row(raw);
          const bool legacy_row = row.row_mac.empty() && row.id <= legacy_up_to;
          if (!legacy_row && row.row_mac != row_mac(row.uid, row.occurred_at, row.who, row.event))
            broken(row.id, changed(row.id));
          return {};
        }));
    if (out.first_broken_id || !out.checkpoint) {
      if (!out.checkpoint && out.problem.en.empty() && (out.entries > 0 || anchor)) {
        out.problem =
            file_found ? Text{fmt::format("{} 中没有检查点，无法核对末尾的记录", file),
                              fmt::format("{} holds no checkpoint: the tail was not checked", file)}
                       : Text{fmt::format("没有检查点文件 {}，无法核对末尾的记录", file),
                              fmt::format("no checkpoint file {}: the tail was not checked", file)};
      }
      return {};
    }
    const Head& signed_head = out.checkpoint->head;
    if (signed_head.seq > out.head.seq) {
      out.truncated = true;
      out.problem = {
          fmt::format("链上只到第 {} 条，而 {} 签名的检查点已到第 {} 条：最新的记录被删除了",
                      out.head.seq, out.checkpoint->at, signed_head.seq),
          fmt::format("the chain ends at its entry {}, but the checkpoint signed at {} vouches "
                      "for {}: the newest entries were removed",
                      out.head.seq, out.checkpoint->at, signed_head.seq)};
    } else if (signed_head.seq >= first_seq && mac_at_checkpoint &&
               *mac_at_checkpoint != signed_head.chain_mac) {
      out.problem = {
          fmt::format("链上第 {} 条与 {} 签名的检查点不符：哈希链被重新计算过", signed_head.seq,
                      out.checkpoint->at),
          fmt::format("the chain's entry {} differs from the checkpoint signed at {}: the chain "
                      "was recomputed",
                      signed_head.seq, out.checkpoint->at)};
    }
    return {};
  }));
  return out;
}

Result<Purge> Log::purge(storage::Database& db, const std::string& before, const Who& who) const {
  const std::string latest_allowed =
      format_date(clock_.now() - std::chrono::days(kMinimumRetentionDays));
  if (!is_valid_date(before) || before > latest_allowed) {
    return Error::invalid(
        "before", {fmt::format("审计日志至少保留 {} 天：日期须为 YYYY-MM-DD 且不晚于 {}",
                               kMinimumRetentionDays, latest_allowed),
                   fmt::format("audit rows are kept at least {} days: the date must be YYYY-MM-DD "
                               "and not after {}",
                               kMinimumRetentionDays, latest_allowed)});
  }
  SHEQU_TRY(seal(db, WhenBusy::wait));
  const std::string cutoff = format_timestamp(china_day_start(before));
  return db.write_value<Purge>([&](storage::Session& s) -> Result<Purge> {
    if (s.dialect() == storage::Dialect::postgres) {
      const std::vector<Value> key{kSealerLock};
      SHEQU_TRY(s.query("SELECT pg_advisory_xact_lock($1)", key));
    }
    // The longest run of sealed entries from the start that all occurred before the cutoff: an
    // entry sealed late (its transaction committed late) never goes before its time.
    const std::vector<Value> params{cutoff};
    SHEQU_ASSIGN_OR_RETURN(auto young, s.query_one("SELECT MIN(seq) FROM audit_log WHERE seq IS "
                                                   "NOT NULL AND occurred_at >= $1",
                                                   params));
    SHEQU_ASSIGN_OR_RETURN(Head current, head_in(s));
    const int64_t last = young && !young->is_null(0) ? young->integer(0) - 1 : current.seq;
    Purge result;
    const std::vector<Value> at{last};
    SHEQU_ASSIGN_OR_RETURN(auto row,
                           s.query_one("SELECT chain_mac FROM audit_log WHERE seq = $1", at));
    if (row) {
      const std::string mac = row->text(0);
      const std::vector<Value> anchor{format_timestamp(clock_.now()), before, last, mac,
                                      anchor_mac(last, mac)};
      SHEQU_TRY(
          s.execute("INSERT INTO audit_anchor (purged_at, before_date, last_seq, last_chain_mac, "
                    "anchor_mac) VALUES ($1, $2, $3, $4, $5)",
                    anchor));
      SHEQU_ASSIGN_OR_RETURN(result.removed,
                             s.execute("DELETE FROM audit_log WHERE seq <= $1", at));
    }
    SHEQU_TRY(append(
        s, who,
        {"audit.purge", "audit_log", before, "success",
         fmt::format("removed {} entries that occurred before {}", result.removed, before)}));
    return result;
  });
}

Result<EntryPage> query(storage::Database& db, const Filter& filter) {
  // Optional filters as "($n = '' OR column = $n)" keep one statement for every combination.
  // Days are China days, as users see them; the last millisecond of `to` is included.
  std::vector<Value> params{
      filter.from && is_valid_date(*filter.from) ? format_timestamp(china_day_start(*filter.from))
                                                 : std::string(),
      filter.to && is_valid_date(*filter.to)
          ? format_timestamp(china_day_end(*filter.to) - std::chrono::milliseconds(1))
          : std::string(),
      filter.username.value_or(""), filter.action.value_or("")};
  std::string where =
      " FROM audit_log WHERE ($1 = '' OR occurred_at >= $1) AND ($2 = '' OR occurred_at <= $2)"
      " AND ($3 = '' OR username = $3) AND ($4 = '' OR action = $4)";
  if (!filter.every_unit) {
    where += " AND " + storage::in_subtrees(db.dialect(), {"unit_code", "object_unit"},
                                            filter.scope_roots, params);
  }
  const std::size_t filters = params.size();
  const int64_t horizon = filter.offset + filter.limit + kCountAhead;
  std::vector<Value> count_params(params.begin(), params.end());
  count_params.emplace_back(horizon + 1);
  params.push_back(filter.limit);
  params.push_back(filter.offset);
  return db.read_value<EntryPage>([&](storage::Session& s) -> Result<EntryPage> {
    EntryPage page;
    SHEQU_ASSIGN_OR_RETURN(
        auto count, s.query_one(fmt::format("SELECT COUNT(*) FROM (SELECT 1{} LIMIT ${}) counted",
                                            where, filters + 1),
                                count_params));
    const int64_t counted = count->integer(0);
    page.total = std::min(counted, horizon);
    page.total_exact = counted <= horizon;
    SHEQU_ASSIGN_OR_RETURN(auto rows,
                           s.query(fmt::format("SELECT {}{} ORDER BY id DESC LIMIT ${} OFFSET ${}",
                                               kEntryColumns, where, filters + 1, filters + 2),
                                   params));
    for (const Row& row : rows) page.items.push_back(entry_from_row(row));
    SHEQU_TRY(add_display_names(s, page.items));
    return page;
  });
}

}  // namespace shequ::audit
