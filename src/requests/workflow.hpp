// The life of a request (诉求) as a state machine: what each party may do to a case in each state,
// and the state it is in afterwards. Pure: the service (request_service.hpp) works out the
// caller's part in a case, asks here, and writes the step to the case's timeline.
//
//   submitted ──accept──▶ accepted ──start──▶ in_progress ──resolve──▶ resolved ──close──▶ closed
//       │  ▲                  │                                            │  ▲              │
//       │  └──transfer/return─┘ (back to submitted at another unit)        │  └───reopen─────┘
//       └──withdraw (the resident, before acceptance)──▶ closed            └──reopen──▶ in_progress
//
// The resident rates a resolved (or closed) case, which closes it; a bad rating reopens it for
// rectification (the platform's reopen). A duplicate is merged (closed) into an open case.
// Supervision (督办), escalation and co-handling leave the state as it is.
//
// Thread-safe: pure functions.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "common/error.hpp"
#include "common/result.hpp"

namespace shequ::requests {

enum class State { submitted, accepted, in_progress, resolved, closed };

enum class Action {
  accept,            // 签收
  start,             // 开始办理
  resolve,           // 办结（反馈办理结果）
  close,             // 结案
  transfer,          // 转办 to another unit
  return_to_sender,  // 退单: not ours, back to the unit above with a reason
  add_co_handler,    // 增加协办单位
  co_report,         // 协办意见
  supervise,         // 督办
  escalate,          // 超时升级 (the scheduled job)
  reopen,            // 重新办理
  withdraw,          // 撤回 (the resident)
  rate,              // 评价 (the resident, once the result is fed back)
  follow_up,         // 回访: a call to the resident after the result, its outcome noted
  merge,             // 合并: a duplicate closed into another open case, which carries on
};

// A caller's part in one case.
enum class Role {
  resident,    // who submitted it
  handler,     // staff of the lead unit (or of the case's grid)
  co_handler,  // staff of a co-handling unit
  supervisor,  // staff of a unit above the lead unit
  system,      // the platform's scheduled jobs
};

std::span<const State> all_states();
std::span<const Action> all_actions();
std::span<const Role> all_roles();

std::string_view state_key(State state);  // "in_progress"
std::optional<State> parse_state(std::string_view key);
std::string_view action_key(Action action);  // "return"
std::optional<Action> parse_action(std::string_view key);
std::string_view role_key(Role role);
const Text& state_label(State state);
const Text& action_label(Action action);

// Open states: the case still waits for someone.
bool is_open(State state);

// The state after `role` does `action` to a case in `from`: forbidden when the role may never
// take the action, conflict (naming the state) when it may but not in this state.
Result<State> next_state(State from, Action action, Role role);

}  // namespace shequ::requests
