// SQL of warnings: the warnings, their recipients and tasks, the approval settings, and the
// people a target holds. Stateless: every function runs inside the caller's transaction
// (Session), parameters bound, portable across SQLite and PostgreSQL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerts/model.hpp"
#include "org/model.hpp"
#include "storage/database.hpp"

namespace shequ::alerts::repository {

// Inserts a warning (its id ignored); its id.
Result<int64_t> insert_alert(storage::Session& s, const Alert& alert);
Result<std::optional<Alert>> find_alert(storage::Session& s, int64_t id);
// Writes every field but id when the row is still at `expected_version`, and increments it;
// false when it changed since.
Result<bool> update_alert(storage::Session& s, const Alert& alert, int64_t expected_version);

// Newest first: the warnings issued by units in `roots`' subtrees, and those awaiting approval
// by a unit in `approver_roots`' subtrees; status "" any.
Result<org::Page<Alert>> list_alerts(storage::Session& s, const std::vector<std::string>& roots,
                                     const std::vector<std::string>& approver_roots,
                                     const std::string& status, const org::PageRequest& page);
// Pending warnings whose approving unit lies in `roots`' subtrees.
Result<int64_t> count_pending(storage::Session& s, const std::vector<std::string>& roots);
// Warnings sent and still valid at `now` (a timestamp), oldest first.
Result<std::vector<Alert>> alerts_in_force(storage::Session& s, const std::string& now);

// A person the target holds, as delivery needs them.
struct TargetPerson {
  int64_t person_id = 0;
  std::string unit_code;
  std::string grid_code;
  std::optional<std::string> phone_sealed;
  bool vulnerable = false;
  std::optional<geo::Point> location;  // their household's
};
// Where a walk through a target's people stands: the last person taken and their grid (both
// empty before the first).
struct TargetCursor {
  std::string grid;
  int64_t person_id = 0;
};
// The living, identified people of `target` issued by `issuer` after `after`, grid by grid in
// code order and by id within a grid, at most `limit`. With an area, those of the issuer's
// subtree whose household lies in the area's bounding box are among them: the caller keeps those
// inside the polygon (AlertService). A page reads the people it returns and the index entries of
// the empty units it passes, whatever the size of the target.
Result<std::vector<TargetPerson>> target_people(storage::Session& s, const Target& target,
                                                const std::string& issuer,
                                                const TargetCursor& after, int64_t limit);
// How many target_people() holds; exact only for a target without an area.
Result<int64_t> count_target(storage::Session& s, const Target& target, const std::string& issuer);

// Active resident accounts by the blind index of their phone (auth's context): index → id.
Result<std::map<std::string, int64_t>> resident_accounts(storage::Session& s,
                                                         const std::vector<std::string>& indexes);

// Inserts the recipients that are not there yet (one per warning and person) and, for those of
// them that nothing reaches and that are vulnerable, their no_channel task; how many were new.
Result<int64_t> insert_recipients(storage::Session& s, const std::vector<Recipient>& recipients);
Result<int64_t> count_recipients(storage::Session& s, int64_t alert_id);
Result<std::optional<Recipient>> find_recipient(storage::Session& s, int64_t id);
// The account's recipient row of a warning.
Result<std::optional<Recipient>> recipient_of(storage::Session& s, int64_t alert_id,
                                              int64_t account_id);
Status update_recipient(storage::Session& s, const Recipient& r);
// The warnings that reached an account, newest first, with its row of each.
Result<org::Page<std::pair<Alert, Recipient>>> alerts_of_account(storage::Session& s,
                                                                 int64_t account_id,
                                                                 const org::PageRequest& page);
Result<int64_t> count_unanswered(storage::Session& s, int64_t account_id, const std::string& now);

// Vulnerable recipients of a warning who have not answered and have no task yet: those reached
// by SMS among them, who cannot answer.
Result<std::vector<Recipient>> silent_vulnerable(storage::Session& s, int64_t alert_id);

// Inserts a task; false when the recipient has one already.
Result<bool> insert_task(storage::Session& s, const Task& task);
Result<std::optional<Task>> find_task(storage::Session& s, int64_t id);
Result<std::optional<Task>> task_of_recipient(storage::Session& s, int64_t recipient_id);
Result<bool> update_task(storage::Session& s, const Task& task, int64_t expected_version);
// Tasks whose grid lies in `roots`' subtrees, open ones first then newest; state "" any;
// alert_id 0 any.
Result<org::Page<Task>> list_tasks(storage::Session& s, const std::vector<std::string>& roots,
                                   const std::string& state, int64_t alert_id,
                                   const org::PageRequest& page);
Result<int64_t> count_open_tasks(storage::Session& s, const std::vector<std::string>& roots);

// A warning's board, one line per grid (by grid code), limited to `roots`' subtrees.
Result<std::vector<GridCounts>> board(storage::Session& s, int64_t alert_id,
                                      const std::vector<std::string>& roots);

// How a warning's recipients in `roots`' subtrees were reached, by channel and state.
Result<ChannelCounts> channel_counts(storage::Session& s, int64_t alert_id,
                                     const std::vector<std::string>& roots);

// The villages and communities a warning's recipients live in.
Result<std::vector<std::string>> recipient_units(storage::Session& s, int64_t alert_id);

// Outbound work (alerts/outbound.hpp). A claim ("sending") taken before `stale_before` (a
// timestamp) belongs to a run that never finished: it may be taken again.
// Warnings with SMS recipients to hand over (the warning or its withdrawal) or a broadcast to
// make, by id.
Result<std::vector<int64_t>> alerts_with_outbound_work(storage::Session& s,
                                                       const std::string& stale_before);
struct SmsToSend {
  Recipient recipient;
  std::optional<std::string> phone_sealed;  // the person's phone now (residents' context)
};
// A warning's SMS recipients to hand over, by id, at most `limit`.
Result<std::vector<SmsToSend>> sms_to_send(storage::Session& s, int64_t alert_id,
                                           const std::string& stale_before, int64_t limit);
// Claims one for this run (sending, attempts + 1); false when another run has it.
Result<bool> claim_sms(storage::Session& s, int64_t recipient_id, const std::string& stale_before,
                       const std::string& at);
// Writes how a claimed one went (state, sent_at, outbound_ref, outbound_error); false when it is
// no longer claimed (a receipt came first).
Result<bool> finish_sms(storage::Session& s, const Recipient& r);
// A gateway's receipt (delivered or failed) for a message not yet receipted; false otherwise.
Result<bool> take_receipt(storage::Session& s, int64_t recipient_id, const std::string& state,
                          const std::optional<std::string>& error);
Result<std::optional<Recipient>> recipient_of_person(storage::Session& s, int64_t alert_id,
                                                     int64_t person_id);
// Fails the SMS recipients of a warning not yet handed over (it ended); how many.
Result<int64_t> fail_unsent(storage::Session& s, int64_t alert_id, const std::string& error);

// The SMS withdrawals (解除) of a cancelled warning. Queues one for each SMS recipient whose
// message was, or may have been, handed to the gateway (taken, being handed over, or tried
// before without an answer), not for one refused or reported undelivered; how many.
Result<int64_t> queue_sms_withdrawals(storage::Session& s, int64_t alert_id);
struct WithdrawalToSend {
  int64_t recipient_id = 0;
  int64_t person_id = 0;
  int64_t attempts = 0;                     // before this one
  std::optional<std::string> phone_sealed;  // the person's phone now (residents' context)
};
// A warning's withdrawals to hand over, by recipient id, at most `limit`.
Result<std::vector<WithdrawalToSend>> withdrawals_to_send(storage::Session& s, int64_t alert_id,
                                                          const std::string& stale_before,
                                                          int64_t limit);
// Claims one for this run (sending, attempts + 1); false when another run has it.
Result<bool> claim_withdrawal(storage::Session& s, int64_t recipient_id,
                              const std::string& stale_before, const std::string& at);
// Writes how a claimed one went (sent, queued or failed, with the error); false when it is no
// longer this run's.
Result<bool> finish_withdrawal(storage::Session& s, int64_t recipient_id, const std::string& state,
                               const std::optional<std::string>& error);

struct BroadcastUpdate {
  std::string at;                        // broadcast_at
  std::optional<std::string> reference;  // kept when none
  std::optional<std::string> error;
  // A claim: from `from` (the queued state), or from the claimed state itself (the state set)
  // taken before stale_before; otherwise from `from` only.
  bool claim = false;
  std::string stale_before;
  std::string from;
};
// Moves a warning's broadcast to `state`; false when it was not in the state expected.
Result<bool> set_broadcast(storage::Session& s, int64_t alert_id, const std::string& state,
                           const BroadcastUpdate& update);

// Every unit's own setting: unit → approval_from.
Result<std::map<std::string, std::string>> settings(storage::Session& s);
Status put_setting(storage::Session& s, const std::string& unit, const std::string& from,
                   int64_t by, const std::string& at);

}  // namespace shequ::alerts::repository
