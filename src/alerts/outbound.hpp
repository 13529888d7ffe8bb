// Where a warning leaves the platform to reach people it cannot reach itself: an SMS gateway
// (短信, to residents with a phone but no account in the resident pages) and the emergency
// broadcast system (应急广播, the loudspeakers of the target's villages and communities). Both
// sit behind one interface; the real one speaks HTTP (alerts/http_outbound.hpp, wire format in
// docs/integration/outbound.md).
//
// Every message carries a key that names it for good ("alert-12-person-345"): a message handed
// over again after a crash or a lost answer carries the same key, and the receiving system takes
// a key once. That is what makes a warning reach each person once although delivery may run
// twice.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace shequ::alerts {

inline constexpr std::string_view kSmsChannel = "sms";
inline constexpr std::string_view kBroadcastChannel = "broadcast";

struct OutboundMessage {
  std::string key;
  std::string phone;               // sms: the number (11 digits); broadcast: empty
  std::vector<std::string> areas;  // broadcast: division codes; sms: empty
  std::string action = "issue";    // "issue", or "cancel" (解除): the warning is withdrawn
  std::string level;               // blue, yellow, orange, red
  std::string category;
  std::string title;
  std::string text;  // what to say: the whole text of an SMS, or the words to play
  std::string valid_until;
};

// What became of one message.
struct OutboundResult {
  std::string key;
  bool accepted = false;
  // Refused for good (an invalid number): trying again will not help.
  bool permanent = false;
  std::string reference;  // the receiving system's id of an accepted message
  std::string error;      // why it was refused, as the system said it
};

// Thread-safe; send() may be called from several jobs at once.
class OutboundChannel {
 public:
  virtual ~OutboundChannel() = default;
  // kSmsChannel or kBroadcastChannel.
  virtual std::string_view name() const = 0;
  // Hands `messages` over (at most max_batch()); one result per message, by key. An error means
  // none is known to be taken (unreachable, timed out, refused as a whole): the same messages
  // may be sent again later with the same keys.
  virtual Result<std::vector<OutboundResult>> send(
      std::span<const OutboundMessage> messages) const = 0;
  virtual std::size_t max_batch() const = 0;
};

// The channels a server has; null when not configured.
struct OutboundChannels {
  const OutboundChannel* sms = nullptr;
  const OutboundChannel* broadcast = nullptr;
};

}  // namespace shequ::alerts
