#include "requests/workflow.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace shequ::requests {

namespace {

constexpr std::array kStates{State::submitted, State::accepted, State::in_progress, State::resolved,
                             State::closed};
constexpr std::array kActions{Action::accept,         Action::start,     Action::resolve,
                              Action::close,          Action::transfer,  Action::return_to_sender,
                              Action::add_co_handler, Action::co_report, Action::supervise,
                              Action::escalate,       Action::reopen,    Action::withdraw,
                              Action::rate,           Action::follow_up, Action::merge};
constexpr std::array kRoles{Role::resident, Role::handler, Role::co_handler, Role::supervisor,
                            Role::system};

struct StateInfo {
  std::string_view key;
  Text label;
};

const std::array<StateInfo, 5>& state_infos() {
  static const std::array<StateInfo, 5> infos{{{"submitted", {"待签收", "Awaiting acceptance"}},
                                               {"accepted", {"已签收", "Accepted"}},
                                               {"in_progress", {"办理中", "In progress"}},
                                               {"resolved", {"已办结", "Resolved"}},
                                               {"closed", {"已结案", "Closed"}}}};
  return infos;
}

// What an action needs: who may take it, from which states, and where it leads (nullopt: the
// state stays).
struct Rule {
  Action action;
  std::string_view key;
  Text label;
  std::vector<Role> roles;
  std::vector<State> from;
  std::optional<State> to;
};

const std::vector<Rule>& rules() {
  using enum State;
  using R = Role;
  static const std::vector<Rule> table{
      {Action::accept, "accept", {"签收", "Accept"}, {R::handler}, {submitted}, accepted},
      {Action::start, "start", {"开始办理", "Start"}, {R::handler}, {accepted}, in_progress},
      {Action::resolve,
       "resolve",
       {"办结", "Resolve"},
       {R::handler},
       {accepted, in_progress},
       resolved},
      {Action::close, "close", {"结案", "Close"}, {R::handler, R::supervisor}, {resolved}, closed},
      {Action::transfer,
       "transfer",
       {"转办", "Transfer"},
       {R::handler, R::supervisor},
       {submitted, accepted, in_progress},
       submitted},
      {Action::return_to_sender,
       "return",
       {"退单", "Return"},
       {R::handler},
       {submitted},
       submitted},
      {Action::add_co_handler,
       "add_co_handler",
       {"增加协办单位", "Add a co-handling unit"},
       {R::handler, R::supervisor},
       {accepted, in_progress},
       std::nullopt},
      {Action::co_report,
       "co_report",
       {"协办意见", "Co-handler's report"},
       {R::co_handler},
       {accepted, in_progress},
       std::nullopt},
      {Action::supervise,
       "supervise",
       {"督办", "Supervise"},
       {R::supervisor},
       {submitted, accepted, in_progress},
       std::nullopt},
      {Action::escalate,
       "escalate",
       {"超时升级", "Escalate (overdue)"},
       {R::system},
       {submitted, accepted, in_progress},
       std::nullopt},
      {Action::reopen,
       "reopen",
       {"重新办理", "Reopen"},
       {R::supervisor, R::system},
       {resolved, closed},
       in_progress},
      {Action::withdraw, "withdraw", {"撤回", "Withdraw"}, {R::resident}, {submitted}, closed},
      {Action::rate, "rate", {"评价", "Rate"}, {R::resident}, {resolved, closed}, closed},
      {Action::follow_up,
       "follow_up",
       {"回访", "Follow-up call"},
       {R::handler, R::supervisor},
       {resolved, closed},
       std::nullopt},
      {Action::merge,
       "merge",
       {"合并", "Merge into another"},
       {R::handler, R::supervisor},
       {submitted, accepted, in_progress},
       closed},
  };
  return table;
}

const Rule& rule_of(Action action) {
  const auto& table = rules();
  return *std::ranges::find(table, action, &Rule::action);
}

}  // namespace

std::span<const State> all_states() {
  return kStates;
}
std::span<const Action> all_actions() {
  return kActions;
}
std::span<const Role> all_roles() {
  return kRoles;
}

std::string_view state_key(State state) {
  return state_infos()[static_cast<std::size_t>(state)].key;
}

std::optional<State> parse_state(std::string_view key) {
  for (State s : kStates) {
    if (state_key(s) == key) return s;
  }
  return std::nullopt;
}

const Text& state_label(State state) {
  return state_infos()[static_cast<std::size_t>(state)].label;
}

std::string_view action_key(Action action) {
  return rule_of(action).key;
}

std::optional<Action> parse_action(std::string_view key) {
  for (const Rule& r : rules()) {
    if (r.key == key) return r.action;
  }
  return std::nullopt;
}

const Text& action_label(Action action) {
  return rule_of(action).label;
}

std::string_view role_key(Role role) {
  static constexpr std::array<std::string_view, 5> kKeys{"resident", "handler", "co_handler",
                                                         "supervisor", "system"};
  return kKeys[static_cast<std::size_t>(role)];
}

bool is_open(State state) {
  return state == State::submitted || state == State::accepted || state == State::in_progress;
}

Result<State> next_state(State from, Action action, Role role) {
  const Rule& rule = rule_of(action);
  if (std::ranges::find(rule.roles, role) == rule.roles.end()) {
    return Error::forbidden({fmt::format("您不能对该诉求执行“{}”", rule.label.zh),
                             fmt::format("you may not {} this request", rule.key)});
  }
  if (std::ranges::find(rule.from, from) == rule.from.end()) {
    return Error::conflict({fmt::format("诉求{}，不能{}", state_label(from).zh, rule.label.zh),
                            fmt::format("a request in state “{}” cannot take “{}”",
                                        state_label(from).en, rule.label.en)});
  }
  return rule.to.value_or(from);
}

}  // namespace shequ::requests
