// Warnings as stored, their recipients and the tasks they raise. Plain data; the keys of the
// choices are wire keys (labels: category_label(), level_label()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/choice.hpp"
#include "common/error.hpp"
#include "common/geo.hpp"

namespace shequ::alerts {

// flood, earthquake, geological, heat, cold, gas, fire, public_health, other.
const std::vector<Choice>& categories();
// The national four colours, least severe first: blue, yellow, orange, red.
const std::vector<Choice>& levels();
// 0 for blue … 3 for red; -1 for a key that is not a level.
int level_rank(std::string_view level);

// The residents' tags whose silence becomes a task (residents/model.hpp keys): older people in
// special hardship, living alone or with their children away, left-behind children, people
// with a disability, people in special-hardship support.
const std::vector<std::string_view>& vulnerable_tags();

// Whom a warning is for: the people living in `units` (each with its subtree), in `grids`, or in
// a household located inside the drawn `area` (a polygon; the issuing unit's people only), and
// when `tags` is not empty only those carrying one of them.
struct Target {
  std::vector<std::string> units;
  std::vector<std::string> grids;
  std::vector<std::string> tags;
  geo::Polygon area;  // empty: none
  bool operator==(const Target&) const = default;
};

// How a message handed to an outbound system (alerts/outbound.hpp) stands: none (no such
// message), queued, sending (handed over, not yet heard back), sent (taken), delivered (the
// gateway's receipt says it arrived), failed. Sending, sent and delivered are the constants
// below (kSending, kSent, kDelivered).
inline constexpr std::string_view kOutboundNone = "none";
inline constexpr std::string_view kQueued = "queued";
inline constexpr std::string_view kFailed = "failed";
inline constexpr std::string_view kWithdrawQueued = "withdraw_queued";
inline constexpr std::string_view kWithdrawing = "withdrawing";
inline constexpr std::string_view kWithdrawn = "withdrawn";

// draft → (pending → approved as sending | rejected) → sending → sent; cancelled from draft,
// pending or sent while valid.
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kPending = "pending";
inline constexpr std::string_view kRejected = "rejected";
inline constexpr std::string_view kSending = "sending";
inline constexpr std::string_view kSent = "sent";
inline constexpr std::string_view kCancelled = "cancelled";

struct Alert {
  int64_t id = 0;
  std::string unit_code;  // the issuing unit
  std::string category;
  std::string level;
  std::string title;
  std::string content;
  std::string guidance;  // what to do
  std::string valid_from;
  std::string valid_until;
  Target target;
  int64_t ack_minutes = 0;
  std::string status;
  std::optional<int64_t> created_by;  // none: a machine client (an API key)
  std::string created_by_name;
  std::optional<std::string> approver_unit;  // set when it went for approval
  std::optional<int64_t> decided_by;
  std::optional<std::string> decided_by_name;
  std::optional<std::string> decided_at;
  std::optional<std::string> decision_note;
  std::optional<std::string> issued_at;     // when it went out (approved, or issued directly)
  std::optional<std::string> delivered_at;  // when every recipient was written
  std::optional<int64_t> job_id;
  int64_t recipients = 0;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  // Also on the emergency broadcast system (outbound.hpp): asked by the composer, and how it went:
  // an outbound state, then for one withdrawn (解除) after it played: withdraw_queued, withdrawing
  // (handed over), withdrawn (the cancellation played).
  bool broadcast = false;
  std::string broadcast_state{kOutboundNone};
  std::optional<std::string> broadcast_ref;
  std::optional<std::string> broadcast_error;
};

// What reached whom. channel "h5" (a resident account with the person's phone), "sms" (a phone
// but no account, when the server has an SMS gateway) or "none". state: h5: delivered, read,
// acknowledged, help; sms: queued, sending, sent, delivered, failed.
inline constexpr std::string_view kChannelH5 = "h5";
inline constexpr std::string_view kChannelSms = "sms";
inline constexpr std::string_view kChannelNone = "none";
inline constexpr std::string_view kDelivered = "delivered";
inline constexpr std::string_view kRead = "read";
inline constexpr std::string_view kAcknowledged = "acknowledged";
inline constexpr std::string_view kHelp = "help";

struct Recipient {
  int64_t id = 0;
  int64_t alert_id = 0;
  int64_t person_id = 0;
  std::string unit_code;
  std::string grid_code;
  bool vulnerable = false;
  std::optional<int64_t> account_id;
  std::string channel;
  std::string state;
  std::string delivered_at;
  std::optional<std::string> read_at;
  std::optional<std::string> answered_at;
  int64_t attempts = 0;  // sms: times handed to the gateway
  std::optional<std::string> sent_at;
  std::optional<std::string> outbound_ref;  // sms: the gateway's id of the message
  std::optional<std::string> outbound_error;
};

// reason: no_answer, help, no_channel. state: open, done. outcome: reached, helped, unreachable.
inline constexpr std::string_view kNoAnswer = "no_answer";
inline constexpr std::string_view kNoChannel = "no_channel";
inline constexpr std::string_view kOpen = "open";
inline constexpr std::string_view kDone = "done";
const std::vector<Choice>& task_reasons();
const std::vector<Choice>& task_outcomes();

struct Task {
  int64_t id = 0;
  int64_t alert_id = 0;
  int64_t recipient_id = 0;
  std::string unit_code;
  std::string grid_code;
  std::string reason;
  std::string state;
  std::optional<std::string> outcome;
  std::optional<std::string> note;
  std::string created_at;
  std::optional<std::string> done_at;
  std::optional<int64_t> done_by;
  std::optional<std::string> done_by_name;
  int64_t version = 1;
};

// One grid's line of a warning's delivery board.
struct GridCounts {
  std::string grid_code;
  int64_t recipients = 0;
  int64_t acknowledged = 0;  // answered 我已知晓, or reached by their grid worker
  int64_t pending = 0;       // neither answered nor reached yet
  int64_t helped = 0;        // asked for help (需要帮助), whatever came of it
  int64_t unreachable = 0;   // their grid worker could not reach them
};

// How a warning's recipients were reached, by channel; the SMS ones by how their message stands.
struct ChannelCounts {
  int64_t h5 = 0;
  int64_t sms = 0;
  int64_t none = 0;
  int64_t sms_queued = 0;  // queued or sending
  int64_t sms_sent = 0;
  int64_t sms_delivered = 0;
  int64_t sms_failed = 0;
  // Of the texted, told by SMS that the warning is withdrawn (解除): queued for it, taken by the
  // gateway, failed.
  int64_t sms_withdrawals = 0;
  int64_t sms_withdrawn = 0;
  int64_t sms_withdraw_failed = 0;
};

}  // namespace shequ::alerts
