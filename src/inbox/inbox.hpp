// Messages the system leaves for an account (站内消息), and the account reading them.
//
// A module leaves a message with post(), inside its own transaction, so that the message is
// written exactly when what it reports is. A message is one per account, kind and key: a job that
// runs twice (a restart, two servers) leaves it once. Messages name no resident: they say how many
// and where to look, and the page they link to applies its own permissions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "storage/database.hpp"

namespace shequ::inbox {

struct Message {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string kind;  // declared by the posting module: "residents.visits.reminder"
  std::string key;   // one message per account, kind and key: "2026-12" for a month's reminder
  Text title;        // at most a line
  Text body;
  std::string link;        // a console path ("/residents/visits/overdue"), or "" for none
  std::string created_at;  // format_timestamp
  std::optional<std::string> read_at;
};

// Leaves `message` (its id and read_at ignored) unless the account has one of the same kind and
// key already; true when it was left now.
Result<bool> post(storage::Session& s, const Message& message);

struct MessagePage {
  std::vector<Message> items;  // newest first
  int64_t total = 0;           // of the filter
  int64_t unread = 0;          // of the account, whatever the filter
};

// An account's own messages: nobody reads another's, whatever their permissions. Thread-safe; the
// database and clock outlive it.
class InboxService {
 public:
  InboxService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `limit` 1..200, `offset` from 0 (validated by the route).
  Result<MessagePage> list(const Actor& actor, bool unread_only, int64_t limit,
                           int64_t offset) const;
  // The message read now (or when first read); not_found when it is not the caller's.
  Result<Message> mark_read(const Actor& actor, int64_t id) const;
  // Every unread message of the caller read now; how many.
  Result<int64_t> mark_all_read(const Actor& actor) const;
  Result<int64_t> count_unread(const Actor& actor) const;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace shequ::inbox
