#include "inbox/inbox.hpp"

#include <fmt/format.h>

namespace shequ::inbox {

namespace {

using storage::Value;

constexpr const char* kColumns =
    "id, account_id, kind, message_key, title_zh, title_en, body_zh, body_en, link, created_at, "
    "read_at";

Message message_from(const storage::Row& row) {
  return {row.integer(0),
          row.integer(1),
          row.text(2),
          row.text(3),
          {row.text(4), row.text(5)},
          {row.text(6), row.text(7)},
          row.text(8),
          row.text(9),
          row.optional_text(10)};
}

Result<std::optional<Message>> find_own(storage::Session& s, int64_t account, int64_t id) {
  const Value params[] = {id, account};
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          fmt::format("SELECT {} FROM inbox_message WHERE id = $1 AND account_id = $2", kColumns),
          params));
  if (!row) return std::optional<Message>();
  return std::optional<Message>(message_from(*row));
}

Result<int64_t> unread_of(storage::Session& s, int64_t account) {
  const Value params[] = {account};
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT COUNT(*) FROM inbox_message "
                                               "WHERE account_id = $1 AND read_at IS NULL",
                                               params));
  return row ? row->integer(0) : int64_t{0};
}

// Another account's message is as unknown as one that never was.
Error not_yours() {
  return Error::not_found({"消息", "message"});
}

}  // namespace

Result<bool> post(storage::Session& s, const Message& message) {
  const Value params[] = {message.account_id, message.kind,     message.key,
                          message.title.zh,   message.title.en, message.body.zh,
                          message.body.en,    message.link,     message.created_at};
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t inserted,
      s.execute("INSERT INTO inbox_message (account_id, kind, message_key, title_zh, title_en, "
                "body_zh, body_en, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                "ON CONFLICT (account_id, kind, message_key) DO NOTHING",
                params));
  return inserted > 0;
}

Result<MessagePage> InboxService::list(const Actor& actor, bool unread_only, int64_t limit,
                                       int64_t offset) const {
  return db_.read_value<MessagePage>([&](storage::Session& s) -> Result<MessagePage> {
    const std::string where =
        unread_only ? "account_id = $1 AND read_at IS NULL" : "account_id = $1";
    MessagePage page;
    const Value account[] = {actor.user_id};
    SHEQU_ASSIGN_OR_RETURN(
        auto total,
        s.query_one(fmt::format("SELECT COUNT(*) FROM inbox_message WHERE {}", where), account));
    page.total = total ? total->integer(0) : 0;
    const Value params[] = {actor.user_id, limit, offset};
    SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(fmt::format("SELECT {} FROM inbox_message WHERE {} "
                                                          "ORDER BY id DESC LIMIT $2 OFFSET $3",
                                                          kColumns, where),
                                              params));
    for (const storage::Row& row : rows) page.items.push_back(message_from(row));
    SHEQU_ASSIGN_OR_RETURN(page.unread, unread_of(s, actor.user_id));
    return page;
  });
}

Result<Message> InboxService::mark_read(const Actor& actor, int64_t id) const {
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Message>([&](storage::Session& s) -> Result<Message> {
    const Value params[] = {now, id, actor.user_id};
    SHEQU_TRY(
        s.execute("UPDATE inbox_message SET read_at = $1 "
                  "WHERE id = $2 AND account_id = $3 AND read_at IS NULL",
                  params));
    SHEQU_ASSIGN_OR_RETURN(auto message, find_own(s, actor.user_id, id));
    if (!message) return not_yours();
    return std::move(*message);
  });
}

Result<int64_t> InboxService::mark_all_read(const Actor& actor) const {
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    const Value params[] = {now, actor.user_id};
    return s.execute(
        "UPDATE inbox_message SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL", params);
  });
}

Result<int64_t> InboxService::count_unread(const Actor& actor) const {
  return db_.read_value<int64_t>(
      [&](storage::Session& s) -> Result<int64_t> { return unread_of(s, actor.user_id); });
}

}  // namespace shequ::inbox
