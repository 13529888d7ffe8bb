// Warnings (预警信息): composed and issued by a unit's staff, approved one level up when their
// level asks for it, delivered to the people of their target by a durable job, answered by
// residents (我已知晓 / 需要帮助), and closed on the vulnerable: a vulnerable recipient who does
// not answer in time, asks for help, or whom nothing reaches but a visit becomes a task for the
// grid worker of their grid.
//
// Delivery (deliver()) and escalation (escalate()) are jobs: they may run again after a crash or
// on another server, and write every recipient, task and message exactly once (unique rows).
//
// Every call checks the caller's scope on the server: a warning outside it is not_found.
// Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alerts/alert_repository.hpp"
#include "alerts/model.hpp"
#include "alerts/outbound.hpp"
#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/json.hpp"
#include "jobs/job_runner.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"

namespace shequ::alerts {

inline constexpr std::size_t kMaxTitle = 60;
inline constexpr std::size_t kMaxContent = 1000;
inline constexpr std::size_t kMaxGuidance = 500;
inline constexpr std::size_t kMaxNote = 200;
inline constexpr std::size_t kMaxTargetEntries = 200;
inline constexpr std::size_t kMaxAreaPoints = 500;  // corners of a drawn target area
inline constexpr int64_t kMinAckMinutes = 5;
inline constexpr int64_t kMaxAckMinutes = 24 * 60;
inline constexpr int64_t kMaxValidDays = 30;
inline constexpr std::size_t kMaxReceipts = 1000;
// Times an SMS is handed to a gateway that does not answer before it counts as failed.
inline constexpr int64_t kMaxSmsAttempts = 5;
// Without a setting on the way up, warnings from orange up need approval; red always does.
inline constexpr std::string_view kDefaultApprovalFrom = "orange";

struct AlertInput {
  std::string unit;  // the issuing unit: a county, township, village or community
  std::string category;
  std::string level;
  std::string title;
  std::string content;
  std::string guidance;
  std::string valid_from;   // format_timestamp
  std::string valid_until;  // format_timestamp
  Target target;
  int64_t ack_minutes = 60;
  // Also on the emergency broadcast system: only with one configured, and only for a target
  // that names no groups of residents (loudspeakers reach everyone).
  bool broadcast = false;
};

struct AlertView {
  Alert alert;
  std::string unit_name;
  bool needs_approval = false;  // issuing it now would send it for approval
};

struct TaskView {
  Task task;
  std::string alert_title;
  std::string alert_level;
  int64_t person_id = 0;
  std::string person_name;  // masked
  std::string phone;        // masked; "" none
  std::string grid_name;
};

struct Board {
  std::vector<GridCounts> grids;
  GridCounts total;  // grid_code ""
  ChannelCounts channels;
};

// A gateway's word on one SMS it took: the message's key, "delivered" or "failed", and why.
struct Receipt {
  std::string key;
  std::string state;
  std::string error;
};

struct ReceiptRun {
  int64_t updated = 0;
  std::vector<std::string> unknown;  // keys of no SMS in the caller's scope
  int64_t unchanged = 0;             // receipted before, or never handed over
};

struct OutboundRun {
  int64_t alerts = 0;
  int64_t sent = 0;    // handed over and taken
  int64_t failed = 0;  // refused for good, out of attempts, or their warning ended
  int64_t retry = 0;   // left queued for the next run (the system did not answer)
  int64_t broadcasts = 0;
  int64_t withdrawals = 0;  // SMS telling a withdrawn warning's recipients, taken
};

struct EscalationRun {
  int64_t alerts = 0;  // warnings that raised tasks
  int64_t tasks = 0;
};

class AlertService {
 public:
  // The channels in `outbound` (null: not configured) outlive the service.
  AlertService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
               const Clock& clock, const privacy::Keyring& keyring, const jobs::JobRunner& runner,
               OutboundChannels outbound = {});

  // A draft. Every field is checked at once; a target that holds nobody is refused.
  Result<AlertView> create(const Actor& actor, const AlertInput& input) const;
  // Rewrites a draft at `version` (conflict when changed since or no longer a draft).
  Result<AlertView> update(const Actor& actor, int64_t id, int64_t version,
                           const AlertInput& input) const;
  // Sends a draft: for approval one level up when its level asks for it, else out at once.
  Result<AlertView> issue(const Actor& actor, int64_t id, int64_t version) const;
  // The approving unit's staff (not the author) approve (out at once) or reject (note required).
  Result<AlertView> decide(const Actor& actor, int64_t id, int64_t version, bool approve,
                           const std::string& note) const;
  // Withdraws a draft, a pending warning, or one sent (解除): residents see it cancelled.
  Result<AlertView> cancel(const Actor& actor, int64_t id, int64_t version) const;

  Result<AlertView> find(const Actor& actor, int64_t id) const;
  // Warnings issued in scope, awaiting the caller's approval, or that reached people in scope.
  Result<org::Page<AlertView>> list(const Actor& actor, const std::string& status,
                                    const org::PageRequest& page) const;
  // The people `input`'s target holds now (for the composer), checked as create() checks it.
  Result<int64_t> count_target(const Actor& actor, const AlertInput& input) const;
  // Per grid in the caller's scope: recipients, acknowledged, pending, helped, unreachable.
  Result<Board> board(const Actor& actor, int64_t id) const;

  // From which level the warnings of `unit` need approval (its own setting or its nearest
  // ancestor's); set by those who approve for the unit above it.
  Result<std::string> approval_from(const Actor& actor, const std::string& unit) const;
  Result<std::string> set_approval_from(const Actor& actor, const std::string& unit,
                                        const std::string& from) const;

  // The delivery job of one warning (params: {"alert": id}): writes every recipient, then hands
  // the SMS ones to the gateway and the broadcast to the broadcast system.
  Result<Json> deliver(const jobs::JobContext& context) const;
  // The outbound job (every five minutes): the SMS and broadcasts left over (the system did not
  // answer, a run died), of every warning whose delivery job has ended; those of warnings that
  // ended are failed.
  Result<OutboundRun> send_outbound(const jobs::JobContext& context) const;
  // Gateways' receipts (at most kMaxReceipts): each moves its SMS to delivered or failed once; a
  // vulnerable recipient whose SMS failed becomes a visit for their grid worker.
  Result<ReceiptRun> take_receipts(const Actor& actor, const std::vector<Receipt>& receipts) const;
  const OutboundChannels& channels() const { return outbound_; }
  // Tasks for the vulnerable recipients of every warning in force whose deadline has passed.
  Result<EscalationRun> escalate() const;

  // The caller's own warnings (a resident), newest first.
  Result<org::Page<std::pair<Alert, Recipient>>> mine(const Actor& actor,
                                                      const org::PageRequest& page) const;
  // One of them, marked read.
  Result<std::pair<Alert, Recipient>> open_mine(const Actor& actor, int64_t id) const;
  // "acknowledged" (我已知晓) or "help" (需要帮助); help becomes a task at once.
  Result<std::pair<Alert, Recipient>> answer(const Actor& actor, int64_t id,
                                             const std::string& answer) const;
  Result<int64_t> count_unanswered(const Actor& actor) const;

  // Calls and knocks in the caller's grids; state "" any, alert_id 0 any.
  Result<org::Page<TaskView>> tasks(const Actor& actor, const std::string& state, int64_t alert_id,
                                    const org::PageRequest& page) const;
  // Records how a call or knock went (outcome reached, helped or unreachable).
  Result<TaskView> finish_task(const Actor& actor, int64_t id, int64_t version,
                               const std::string& outcome, const std::string& note) const;

  Result<int64_t> count_pending_approvals(const Actor& actor) const;
  Result<int64_t> count_open_tasks(const Actor& actor) const;

 private:
  Result<AlertInput> validated(const Actor& actor, const AlertInput& input) const;
  // Whether a person target_people() found is in the target: inside its area when it has one
  // (the database tests the area's box only), or living in one of its units or grids.
  bool holds(const Target& target, const repository::TargetPerson& person) const;
  // How many people `target` of `issuer` holds now.
  Result<int64_t> count_people(storage::Session& s, const Target& target,
                               const std::string& issuer) const;
  Result<AlertView> view_of(storage::Session& s, Alert alert) const;
  Result<Alert> visible(storage::Session& s, const Actor& actor, int64_t id) const;
  Result<std::string> effective_approval_from(storage::Session& s, const std::string& unit) const;
  Result<TaskView> task_view(storage::Session& s, Task task) const;
  // Queues delivery in the caller's transaction; `alert` goes out now.
  Status send(storage::Session& s, Alert& alert, const std::string& now) const;
  // Hands over one warning's queued SMS and broadcast, or, withdrawn, their cancellations. Claims
  // taken before `stale_before` are taken again (the delivery job passes its own start: its earlier
  // runs are dead).
  Result<OutboundRun> send_outbound_of(const Alert& alert, const std::string& stale_before,
                                       const jobs::JobContext& context) const;
  // Plays a warning on the loudspeakers, or with `withdraw` its cancellation (解除).
  Status send_broadcast(const Alert& alert, const std::string& stale_before, bool withdraw,
                        OutboundRun& run) const;
  // One text for the SMS gateway: to the person whose sealed phone it is, under `key`, tried
  // `attempts` times counting this one.
  struct TextToSend {
    std::optional<std::string> phone_sealed;
    std::string key;
    int64_t attempts = 0;
  };
  // What became of it: sent (taken, with the gateway's reference); failed (no gateway, no phone,
  // refused for good, or out of attempts); queued to try again.
  struct TextOutcome {
    std::string state;
    std::optional<std::string> reference;
    std::optional<std::string> error;
  };
  // How many texts one request to the gateway carries.
  int64_t sms_batch() const;
  // Hands `texts` (`base` with each one's key and phone) to the SMS gateway in one request; what
  // became of each, in order. `gateway_down`: the gateway answered none of them.
  std::vector<TextOutcome> text_batch(const OutboundMessage& base,
                                      const std::vector<TextToSend>& texts,
                                      bool& gateway_down) const;
  // Texts the recipients of a withdrawn warning's SMS that it is withdrawn (解除), each once.
  Status send_sms_withdrawals(const Alert& alert, const std::string& stale_before,
                              const jobs::JobContext& context, OutboundRun& run) const;
  // The visit asked when nothing reached a vulnerable recipient after all.
  Status ask_visit(storage::Session& s, const Recipient& r, const std::string& now) const;
  // Tells the active grid workers of `grids` (inbox), once per kind and key.
  Status tell_grid_workers(storage::Session& s, const std::vector<std::string>& grids,
                           std::string_view kind, const std::string& key, const Text& title,
                           const Text& body, const std::string& link) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  const jobs::JobRunner& runner_;
  OutboundChannels outbound_;
};

}  // namespace shequ::alerts
