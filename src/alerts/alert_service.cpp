#include "alerts/alert_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "alerts/alert_repository.hpp"
#include "alerts/declaration.hpp"
#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "common/strings.hpp"
#include "inbox/inbox.hpp"
#include "privacy/validators.hpp"
#include "residents/declaration.hpp"
#include "residents/model.hpp"
#include "residents/resident_repository.hpp"

namespace shequ::alerts {

namespace {

Error alert_not_found() {
  return Error::not_found({"预警信息", "warning"});
}

Error changed_since() {
  return Error::conflict({"预警信息已被他人修改，请刷新后重试",
                          "the warning was changed meanwhile; reload and try again"});
}

Text level_text(const std::string& level) {
  const Choice* c = find_choice(levels(), level);
  return c ? c->label : Text{level, level};
}

// What a composer writes of a warning: everything but its status and history.
void write_input(Alert& a, const AlertInput& in) {
  a.unit_code = in.unit;
  a.category = in.category;
  a.level = in.level;
  a.title = in.title;
  a.content = in.content;
  a.guidance = in.guidance;
  a.valid_from = in.valid_from;
  a.valid_until = in.valid_until;
  a.target = in.target;
  a.ack_minutes = in.ack_minutes;
  a.broadcast = in.broadcast;
}

// The account behind the actor; none for a machine client (an API key).
std::optional<int64_t> account_of(const Actor& actor) {
  return actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
}

// The people a delivery writes at a time: a transaction each, so that progress moves and a
// restart loses at most one batch of work (which it then does again, adding nobody twice).
constexpr int64_t kDeliveryBatch = 1000;

// A claim on an outbound message older than this belongs to a run that died: the outbound job
// takes it again (with the same key, which the receiving system takes once).
constexpr auto kClaimTimeout = std::chrono::minutes(10);

// A call or visit asked of a recipient's grid worker.
Task task_for(const Recipient& r, std::string_view reason, const std::string& now) {
  return {.alert_id = r.alert_id,
          .recipient_id = r.id,
          .unit_code = r.unit_code,
          .grid_code = r.grid_code,
          .reason = std::string(reason),
          .state = std::string(kOpen),
          .created_at = now};
}

std::string alert_key(const Alert& a) {
  return fmt::format("alert-{}", a.id);
}

// "alert-12-person-345" → (12, 345).
std::optional<std::pair<int64_t, int64_t>> parse_person_key(std::string_view key) {
  constexpr std::string_view kAlert = "alert-";
  constexpr std::string_view kPerson = "-person-";
  if (!key.starts_with(kAlert)) return std::nullopt;
  key.remove_prefix(kAlert.size());
  const std::size_t middle = key.find(kPerson);
  if (middle == std::string_view::npos) return std::nullopt;
  const auto alert = parse_decimal(key.substr(0, middle));
  const auto person = parse_decimal(key.substr(middle + kPerson.size()));
  if (!alert || !person) return std::nullopt;
  return std::pair{*alert, *person};
}

// What an SMS says: the issuing unit as its signature, the level and title, then the content
// and what to do.
std::string sms_text(const Alert& a, const std::string& unit_name) {
  std::string text = fmt::format("【{}】{}：{}", unit_name, a.title, a.content);
  if (!a.guidance.empty()) text += fmt::format(" {}", a.guidance);
  return text;
}

OutboundMessage message_of(const Alert& a, const std::string& unit_name) {
  OutboundMessage m;
  m.level = a.level;
  m.category = a.category;
  m.title = a.title;
  m.text = sms_text(a, unit_name);
  m.valid_until = a.valid_until;
  return m;
}

}  // namespace

AlertService::AlertService(const org::OrgService& org, storage::Database& db,
                           const audit::Log& audit, const Clock& clock,
                           const privacy::Keyring& keyring, const jobs::JobRunner& runner,
                           OutboundChannels outbound)
    : org_(org),
      db_(db),
      audit_(audit),
      clock_(clock),
      keyring_(keyring),
      runner_(runner),
      outbound_(outbound) {}

bool AlertService::holds(const Target& target, const repository::TargetPerson& person) const {
  if (target.area.empty()) return true;
  for (const auto* roots : {&target.units, &target.grids}) {
    for (const std::string& root : *roots) {
      if (org_.tree().contains(root, person.grid_code)) return true;
    }
  }
  return person.location &&
         geo::polygon_contains(target.area, (*person.location)[0], (*person.location)[1]);
}

Result<int64_t> AlertService::count_people(storage::Session& s, const Target& target,
                                           const std::string& issuer) const {
  if (target.area.empty()) return repository::count_target(s, target, issuer);
  // The polygon is tested here: the database narrows the area to its box only.
  int64_t count = 0;
  repository::TargetCursor after;
  while (true) {
    SHEQU_ASSIGN_OR_RETURN(const auto people,
                           repository::target_people(s, target, issuer, after, kDeliveryBatch));
    if (people.empty()) break;
    after = {people.back().grid_code, people.back().person_id};
    count += std::ranges::count_if(people, [&](const auto& p) { return holds(target, p); });
  }
  return count;
}

Result<AlertInput> AlertService::validated(const Actor& actor, const AlertInput& input) const {
  // Outside the caller's scope the unit is not there (404), whatever else is wrong.
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kAlertWrite, input.unit));
  std::vector<FieldError> errors;
  AlertInput out = input;
  out.title = checked_text(input.title, "title", kMaxTitle, true, errors);
  out.content = checked_text(input.content, "content", kMaxContent, true, errors);
  out.guidance = checked_text(input.guidance, "guidance", kMaxGuidance, false, errors);
  if (!find_choice(categories(), input.category)) {
    errors.push_back({"category", {"不是预警类别", "not a category of warning"}});
  }
  if (level_rank(input.level) < 0) {
    errors.push_back({"level", {"预警级别应为蓝、黄、橙、红之一", "blue, yellow, orange or red"}});
  }
  if (input.ack_minutes < kMinAckMinutes || input.ack_minutes > kMaxAckMinutes) {
    errors.push_back({"ackMinutes",
                      {fmt::format("确认时限应为 {}–{} 分钟", kMinAckMinutes, kMaxAckMinutes),
                       fmt::format("from {} to {} minutes", kMinAckMinutes, kMaxAckMinutes)}});
  }
  const auto from = parse_timestamp(input.valid_from);
  const auto until = parse_timestamp(input.valid_until);
  if (!from) errors.push_back({"validFrom", {"不是有效的时间", "not a time"}});
  if (!until) {
    errors.push_back({"validUntil", {"不是有效的时间", "not a time"}});
  } else if (from && *until <= *from) {
    errors.push_back({"validUntil", {"应晚于生效时间", "must be after the start"}});
  } else if (*until <= clock_.now()) {
    errors.push_back({"validUntil", {"有效期已过", "already over"}});
  } else if (from && *until - *from > std::chrono::days(kMaxValidDays)) {
    errors.push_back({"validUntil",
                      {fmt::format("有效期最长 {} 天", kMaxValidDays),
                       fmt::format("at most {} days", kMaxValidDays)}});
  }

  // The issuing unit: a county, township, village or community. (Its scope was checked first.)
  const org::Level level = unit.unit.level;
  const bool unit_ok = level >= org::Level::county && level <= org::Level::village;
  if (!unit_ok) {
    errors.push_back({"unit",
                      {"预警由区县、乡镇（街道）或村（社区）发布",
                       "warnings are issued by a county, township, village or community"}});
  }
  // The target: units and grids of the issuing unit's subtree, tags of residents.
  const Target& t = input.target;
  if (t.units.empty() && t.grids.empty() && t.area.empty()) {
    errors.push_back({"target",
                      {"请选择预警范围（单位、网格或地图上划定的区域）",
                       "choose the units or grids, or draw the area on the map"}});
  }
  if (!t.area.empty()) {
    for (FieldError& e : geo::polygon_problems(t.area, "target.area", kMaxAreaPoints)) {
      errors.push_back(std::move(e));
    }
  }
  if (t.units.size() + t.grids.size() + t.tags.size() > kMaxTargetEntries) {
    errors.push_back({"target",
                      {fmt::format("范围最多 {} 项", kMaxTargetEntries),
                       fmt::format("at most {} entries", kMaxTargetEntries)}});
  }
  const auto in_unit = [&](const std::string& code, bool grid, std::string_view field) {
    const auto found = org_.unit(code);
    if (!found || (grid != (found->unit.level == org::Level::grid)) ||
        (unit_ok && !org_.tree().contains(input.unit, code))) {
      errors.push_back(
          {std::string(field),
           {fmt::format("{} 不是发布单位下的{}", code, grid ? "网格" : "单位"),
            fmt::format("{} is not a {} of the issuing unit", code, grid ? "grid" : "unit")}});
    }
  };
  for (const std::string& code : t.units) in_unit(code, false, "target.units");
  for (const std::string& code : t.grids) in_unit(code, true, "target.grids");
  for (const std::string& tag : t.tags) {
    const residents::TagKind* kind = residents::find_tag_kind(tag);
    if (!kind || kind->sensitive) {
      errors.push_back({"target.tags",
                        {fmt::format("{} 不是可用于预警的人群标签", tag),
                         fmt::format("{} is not a group warnings can target", tag)}});
    }
  }
  if (input.broadcast && outbound_.broadcast == nullptr) {
    errors.push_back(
        {"broadcast", {"本系统未接入应急广播系统", "no broadcast system is connected"}});
  } else if (input.broadcast && !t.tags.empty()) {
    errors.push_back(
        {"broadcast",
         {"应急广播面向区域内所有人，不能只播给部分人群；请去掉人群标签或不用广播",
          "loudspeakers reach everyone in the area: drop the groups or the broadcast"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  // Sorted and without repeats, so that equal targets compare equal.
  for (auto* list : {&out.target.units, &out.target.grids, &out.target.tags}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  SHEQU_ASSIGN_OR_RETURN(const int64_t people, db_.read_value<int64_t>([&](storage::Session& s) {
    return count_people(s, out.target, out.unit);
  }));
  if (people == 0) {
    return Error::invalid("target", {"预警范围内没有登记的居民", "the target holds nobody"});
  }
  return out;
}

Result<std::string> AlertService::effective_approval_from(storage::Session& s,
                                                          const std::string& unit) const {
  SHEQU_ASSIGN_OR_RETURN(const auto all, repository::settings(s));
  std::string code = unit;
  while (!code.empty()) {
    if (const auto found = all.find(code); found != all.end()) return found->second;
    const auto view = org_.unit(code);
    if (!view) break;
    code = view->unit.parent_code;
  }
  return std::string(kDefaultApprovalFrom);
}

Result<AlertView> AlertService::view_of(storage::Session& s, Alert alert) const {
  AlertView view;
  const auto unit = org_.unit(alert.unit_code);
  view.unit_name = unit ? unit->unit.name : alert.unit_code;
  SHEQU_ASSIGN_OR_RETURN(const std::string from, effective_approval_from(s, alert.unit_code));
  view.needs_approval = alert.level == "red" || level_rank(alert.level) >= level_rank(from);
  view.alert = std::move(alert);
  return view;
}

Result<Alert> AlertService::visible(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto alert, repository::find_alert(s, id));
  if (!alert) return alert_not_found();
  if (org_.covers(actor, kAlertRead, alert->unit_code)) return *alert;
  if (alert->status == kPending && alert->approver_unit &&
      org_.covers(actor, kAlertApprove, *alert->approver_unit)) {
    return *alert;
  }
  // Those whose area it reached: a grid worker sees the warnings of the people of their grid.
  const std::vector<std::string> roots = actor.roots_for(kAlertRead);
  SHEQU_ASSIGN_OR_RETURN(const auto lines, repository::board(s, id, roots));
  if (!lines.empty()) return *alert;
  return alert_not_found();
}

Result<AlertView> AlertService::create(const Actor& actor, const AlertInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const AlertInput in, validated(actor, input));
  const std::string now = format_timestamp(clock_.now());
  Alert a;
  write_input(a, in);
  a.status = std::string(kDraft);
  a.created_by = account_of(actor);
  a.created_by_name = actor.username;
  a.created_at = now;
  a.updated_at = now;
  return db_.write_value<AlertView>([&](storage::Session& s) -> Result<AlertView> {
    SHEQU_ASSIGN_OR_RETURN(a.id, repository::insert_alert(s, a));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kAlertWrite),
                            {std::string(kAuditCreate), "alert", std::to_string(a.id), "success",
                             fmt::format("{} {}", a.level, a.category), a.unit_code}));
    return view_of(s, a);
  });
}

Result<AlertView> AlertService::update(const Actor& actor, int64_t id, int64_t version,
                                       const AlertInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const AlertInput in, validated(actor, input));
  return db_.write_value<AlertView>([&](storage::Session& s) -> Result<AlertView> {
    SHEQU_ASSIGN_OR_RETURN(Alert a, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kAlertWrite, a.unit_code));
    if (a.status != kDraft) {
      return Error::conflict({"只能修改草稿", "only a draft can be changed"});
    }
    write_input(a, in);
    a.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_alert(s, a, version));
    if (!changed) return changed_since();
    a.version = version + 1;
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kAlertWrite),
        {std::string(kAuditUpdate), "alert", std::to_string(a.id), "success", "", a.unit_code}));
    return view_of(s, a);
  });
}

Status AlertService::send(storage::Session& s, Alert& alert, const std::string& now) const {
  SHEQU_ASSIGN_OR_RETURN(const jobs::Job job,
                         runner_.submit(s, {.kind = std::string(kDeliverKind),
                                            .unit_code = alert.unit_code,
                                            .created_by = alert.created_by,
                                            .created_by_name = alert.created_by_name,
                                            .params = {{"alert", alert.id}}}));
  alert.status = std::string(kSending);
  alert.issued_at = now;
  alert.job_id = job.id;
  if (alert.broadcast) {
    SHEQU_TRY(repository::set_broadcast(s, alert.id, std::string(kQueued),
                                        {.at = now, .from = std::string(kOutboundNone)}));
    alert.broadcast_state = std::string(kQueued);
  }
  return {};
}

Result<AlertView> AlertService::issue(const Actor& actor, int64_t id, int64_t version) const {
  return db_.write_value<AlertView>([&](storage::Session& s) -> Result<AlertView> {
    SHEQU_ASSIGN_OR_RETURN(Alert a, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kAlertWrite, a.unit_code));
    if (a.status != kDraft) {
      return Error::conflict({"只能发布草稿", "only a draft can be issued"});
    }
    const auto now_point = clock_.now();
    if (parse_timestamp(a.valid_until).value_or(now_point) <= now_point) {
      return Error::invalid("validUntil",
                            {"有效期已过，不能发布", "its validity is over; it cannot go out"});
    }
    SHEQU_ASSIGN_OR_RETURN(const int64_t people, count_people(s, a.target, a.unit_code));
    if (people == 0) {
      return Error::invalid("target", {"预警范围内没有登记的居民", "the target holds nobody"});
    }
    const std::string now = format_timestamp(now_point);
    SHEQU_ASSIGN_OR_RETURN(AlertView view, view_of(s, a));
    if (view.needs_approval) {
      const auto unit = org_.unit(a.unit_code);
      a.status = std::string(kPending);
      a.approver_unit = unit ? unit->unit.parent_code : std::string();
    } else {
      SHEQU_TRY(send(s, a, now));
    }
    a.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_alert(s, a, version));
    if (!changed) return changed_since();
    a.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kAlertWrite),
                            {std::string(kAuditIssue), "alert", std::to_string(a.id), "success",
                             a.status == kPending ? "for approval" : "out", a.unit_code}));
    return view_of(s, a);
  });
}

Result<AlertView> AlertService::decide(const Actor& actor, int64_t id, int64_t version,
                                       bool approve, const std::string& note) const {
  auto normalised = normalise_text(note, "note");
  if (!normalised) return std::move(normalised).error();
  const std::string reason(trim(*normalised));
  if (!approve && reason.empty()) {
    return Error::invalid("note", {"退回时请说明原因", "say why it is rejected"});
  }
  if (utf8_length(reason) > kMaxNote) {
    return Error::invalid("note", {fmt::format("最长 {} 个字", kMaxNote),
                                   fmt::format("at most {} characters", kMaxNote)});
  }
  return db_.write_value<AlertView>([&](storage::Session& s) -> Result<AlertView> {
    SHEQU_ASSIGN_OR_RETURN(Alert a, visible(s, actor, id));
    if (a.status != kPending || !a.approver_unit) {
      return Error::conflict({"该预警不在待审批状态", "the warning is not awaiting approval"});
    }
    SHEQU_TRY(org_.in_scope(actor, kAlertApprove, *a.approver_unit));
    if (a.created_by_name == actor.username ||
        (a.created_by && a.created_by == account_of(actor))) {
      return Error::forbidden({"不能审批本人编写的预警", "you cannot approve your own warning"});
    }
    const auto now_point = clock_.now();
    if (approve && parse_timestamp(a.valid_until).value_or(now_point) <= now_point) {
      return Error::conflict({"有效期已过，不能发布", "its validity is over; it cannot go out"});
    }
    const std::string now = format_timestamp(now_point);
    a.decided_by = account_of(actor);
    a.decided_by_name = actor.username;
    a.decided_at = now;
    a.decision_note = reason;
    if (approve) {
      SHEQU_TRY(send(s, a, now));
    } else {
      a.status = std::string(kRejected);
    }
    a.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_alert(s, a, version));
    if (!changed) return changed_since();
    a.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kAlertApprove),
                            {std::string(kAuditDecide), "alert", std::to_string(a.id), "success",
                             approve ? "approved" : "rejected", a.unit_code}));
    return view_of(s, a);
  });
}

Result<AlertView> AlertService::cancel(const Actor& actor, int64_t id, int64_t version) const {
  return db_.write_value<AlertView>([&](storage::Session& s) -> Result<AlertView> {
    SHEQU_ASSIGN_OR_RETURN(Alert a, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kAlertWrite, a.unit_code));
    if (a.status == kCancelled || a.status == kRejected) {
      return Error::conflict({"该预警已撤销或已退回", "the warning is cancelled or rejected"});
    }
    const bool was_sent = a.status == kSent;
    a.status = std::string(kCancelled);
    a.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_alert(s, a, version));
    if (!changed) return changed_since();
    a.version = version + 1;
    // Played on the loudspeakers (or being handed over): the cancellation is played too; and
    // whoever was, or may have been, texted it is texted that it is withdrawn. Both by the
    // outbound job queued now.
    bool outbound = false;
    if (was_sent && (a.broadcast_state == kSent || a.broadcast_state == kSending)) {
      SHEQU_ASSIGN_OR_RETURN(
          const bool queued,
          repository::set_broadcast(s, a.id, std::string(kWithdrawQueued),
                                    {.at = a.updated_at, .from = a.broadcast_state}));
      if (queued) a.broadcast_state = std::string(kWithdrawQueued);
      outbound = queued;
    }
    if (was_sent) {
      SHEQU_ASSIGN_OR_RETURN(const int64_t texted, repository::queue_sms_withdrawals(s, a.id));
      outbound = outbound || texted > 0;
    }
    if (outbound) {
      SHEQU_TRY(runner_.submit(s, {.kind = std::string(kOutboundKind),
                                   .unit_code = a.unit_code,
                                   .created_by = account_of(actor),
                                   .created_by_name = actor.username}));
    }
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kAlertWrite),
        {std::string(kAuditCancel), "alert", std::to_string(a.id), "success", "", a.unit_code}));
    return view_of(s, a);
  });
}

Result<AlertView> AlertService::find(const Actor& actor, int64_t id) const {
  return db_.read_value<AlertView>([&](storage::Session& s) -> Result<AlertView> {
    SHEQU_ASSIGN_OR_RETURN(Alert a, visible(s, actor, id));
    return view_of(s, std::move(a));
  });
}

Result<org::Page<AlertView>> AlertService::list(const Actor& actor, const std::string& status,
                                                const org::PageRequest& page) const {
  return db_.read_value<org::Page<AlertView>>(
      [&](storage::Session& s) -> Result<org::Page<AlertView>> {
        SHEQU_ASSIGN_OR_RETURN(
            auto found, repository::list_alerts(s, actor.roots_for(kAlertRead),
                                                actor.roots_for(kAlertApprove), status, page));
        org::Page<AlertView> out;
        out.total = found.total;
        for (Alert& a : found.items) {
          SHEQU_ASSIGN_OR_RETURN(AlertView view, view_of(s, std::move(a)));
          out.items.push_back(std::move(view));
        }
        return out;
      });
}

Result<int64_t> AlertService::count_target(const Actor& actor, const AlertInput& input) const {
  auto checked = validated(actor, input);
  if (!checked) {
    // A target that holds nobody is an answer here, not a refusal.
    const auto& d = checked.error().details;
    if (d.size() == 1 && d.front().field == "target" &&
        checked.error().code == ErrorCode::invalid_argument) {
      return int64_t{0};
    }
    return std::move(checked).error();
  }
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return count_people(s, checked->target, checked->unit); });
}

Result<Board> AlertService::board(const Actor& actor, int64_t id) const {
  return db_.read_value<Board>([&](storage::Session& s) -> Result<Board> {
    SHEQU_ASSIGN_OR_RETURN(const Alert a, visible(s, actor, id));
    Board out;
    SHEQU_ASSIGN_OR_RETURN(out.grids, repository::board(s, a.id, actor.roots_for(kAlertRead)));
    for (const GridCounts& g : out.grids) {
      out.total.recipients += g.recipients;
      out.total.acknowledged += g.acknowledged;
      out.total.pending += g.pending;
      out.total.helped += g.helped;
      out.total.unreachable += g.unreachable;
    }
    SHEQU_ASSIGN_OR_RETURN(out.channels,
                           repository::channel_counts(s, a.id, actor.roots_for(kAlertRead)));
    return out;
  });
}

Result<std::string> AlertService::approval_from(const Actor& actor, const std::string& unit) const {
  SHEQU_TRY(org_.in_scope(actor, kAlertRead, unit));
  return db_.read_value<std::string>(
      [&](storage::Session& s) { return effective_approval_from(s, unit); });
}

Result<std::string> AlertService::set_approval_from(const Actor& actor, const std::string& unit,
                                                    const std::string& from) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView view, org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kAlertApprove, unit));
  // Those who approve for a unit set its threshold: the staff of the units above it.
  if (view.unit.parent_code.empty() || !org_.covers(actor, kAlertApprove, view.unit.parent_code)) {
    return Error::invalid("unit", {"审批级别由上级单位为下级单位设置",
                                   "the units above set it for the units below them"});
  }
  if (level_rank(from) < 1) {
    return Error::invalid("approvalFrom", {"应为黄、橙、红之一", "yellow, orange or red"});
  }
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(
        repository::put_setting(s, unit, from, actor.user_id, format_timestamp(clock_.now())));
    return audit_.append(s, audit::who(actor, kAlertApprove),
                         {std::string(kAuditSetting), "unit", unit, "success", from, unit});
  }));
  return from;
}

Status AlertService::tell_grid_workers(storage::Session& s, const std::vector<std::string>& grids,
                                       std::string_view kind, const std::string& key,
                                       const Text& title, const Text& body,
                                       const std::string& link) const {
  std::set<int64_t> accounts;
  for (const std::string& grid : grids) {
    SHEQU_ASSIGN_OR_RETURN(auto workers, auth::AuthRepository::grid_assignments_of_grid(s, grid));
    for (const auth::GridAssignment& a : workers) {
      if (a.worker.status == "active") accounts.insert(a.worker.id);
    }
  }
  const std::string now = format_timestamp(clock_.now());
  for (const int64_t account : accounts) {
    SHEQU_TRY(inbox::post(s, {.account_id = account,
                              .kind = std::string(kind),
                              .key = key,
                              .title = title,
                              .body = body,
                              .link = link,
                              .created_at = now}));
  }
  return {};
}

Result<Json> AlertService::deliver(const jobs::JobContext& context) const {
  const int64_t id = context.job().params.value("alert", int64_t{0});
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<Alert>>([&](storage::Session& s) {
    return repository::find_alert(s, id);
  }));
  if (!found) return Error::internal(fmt::format("no warning {}", id));
  const Alert alert = *found;
  // Any claim on its outbound messages is an earlier run's of this job, which is dead (the
  // runner runs a job once at a time).
  const std::string any_claim = format_timestamp(clock_.now() + std::chrono::hours(24));
  const auto outbound_json = [](const OutboundRun& run) {
    return Json{{"smsSent", run.sent},
                {"smsFailed", run.failed},
                {"smsLeft", run.retry},
                {"broadcasts", run.broadcasts},
                {"smsWithdrawals", run.withdrawals}};
  };
  // Delivered by a run that ended after its commit: what is left is its outbound part.
  if (alert.status == kSent) {
    SHEQU_ASSIGN_OR_RETURN(const OutboundRun run, send_outbound_of(alert, any_claim, context));
    Json out = outbound_json(run);
    out["state"] = alert.status;
    return out;
  }
  // Cancelled before it was delivered.
  if (alert.status != kSending) return Json{{"state", alert.status}};

  SHEQU_ASSIGN_OR_RETURN(const int64_t expected, db_.read_value<int64_t>([&](storage::Session& s) {
    return count_people(s, alert.target, alert.unit_code);
  }));
  const std::string now = format_timestamp(clock_.now());
  repository::TargetCursor after;
  int64_t seen = 0;
  std::set<std::string> grids;
  while (true) {
    SHEQU_ASSIGN_OR_RETURN(
        auto people,
        db_.read_value<std::vector<repository::TargetPerson>>([&](storage::Session& s) {
          return repository::target_people(s, alert.target, alert.unit_code, after, kDeliveryBatch);
        }));
    if (people.empty()) break;
    after = {people.back().grid_code, people.back().person_id};
    std::erase_if(people,
                  [&](const repository::TargetPerson& p) { return !holds(alert.target, p); });
    // Who has a resident account: the account's phone is the person's (auth's blind index).
    std::vector<std::string> phone_index(people.size());
    for (std::size_t i = 0; i < people.size(); ++i) {
      if (!people[i].phone_sealed) continue;
      auto phone = keyring_.open(*people[i].phone_sealed, residents::kPhoneContext);
      if (phone) phone_index[i] = keyring_.blind_index(*phone, auth::kPhoneContext);
    }
    std::vector<std::string> lookups;
    for (const std::string& index : phone_index) {
      if (!index.empty()) lookups.push_back(index);
    }
    SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
      SHEQU_ASSIGN_OR_RETURN(const auto accounts, repository::resident_accounts(s, lookups));
      std::vector<Recipient> rows;
      rows.reserve(people.size());
      for (std::size_t i = 0; i < people.size(); ++i) {
        const repository::TargetPerson& p = people[i];
        Recipient r;
        r.alert_id = alert.id;
        r.person_id = p.person_id;
        r.unit_code = p.unit_code;
        r.grid_code = p.grid_code;
        r.vulnerable = p.vulnerable;
        r.state = std::string(kDelivered);
        if (const auto account = accounts.find(phone_index[i]); account != accounts.end()) {
          r.account_id = account->second;
          r.channel = std::string(kChannelH5);
        } else if (!phone_index[i].empty() && outbound_.sms != nullptr) {
          r.channel = std::string(kChannelSms);
          r.state = std::string(kQueued);
        } else {
          r.channel = std::string(kChannelNone);
        }
        r.delivered_at = now;
        rows.push_back(std::move(r));
      }
      SHEQU_TRY(repository::insert_recipients(s, rows));
      return {};
    }));
    for (const auto& p : people) grids.insert(p.grid_code);
    seen += static_cast<int64_t>(people.size());
    if (!context.progress(std::min(
            0.99,
            static_cast<double>(seen) / static_cast<double>(std::max<int64_t>(1, expected))))) {
      return Error::conflict({"送达已中断", "the delivery was interrupted"});
    }
  }

  const std::vector<std::string> grid_list(grids.begin(), grids.end());
  int64_t recipients = 0;
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(auto current, repository::find_alert(s, id));
    if (!current || current->status != kSending) return {};
    SHEQU_ASSIGN_OR_RETURN(recipients, repository::count_recipients(s, id));
    Alert a = *current;
    a.status = std::string(kSent);
    a.delivered_at = format_timestamp(clock_.now());
    a.recipients = recipients;
    a.updated_at = *a.delivered_at;
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_alert(s, a, current->version));
    if (!changed) return changed_since();
    const Text level = level_text(a.level);
    SHEQU_TRY(tell_grid_workers(
        s, grid_list, kAlertMessage, std::to_string(a.id),
        {fmt::format("{}：{}", level.zh, a.title), fmt::format("{}: {}", level.en, a.title)},
        {fmt::format("您负责的网格中有居民收到了这条预警。未确认的重点人群将在 {} 分钟后转为您的"
                     "联系任务。",
                     a.ack_minutes),
         fmt::format("People of your grids received this warning. Vulnerable people who do not "
                     "answer within {} minutes become calls or visits for you.",
                     a.ack_minutes)},
        fmt::format("/alerts/{}", a.id)));
    return audit_.append(s, audit::operator_who(),
                         {std::string(kAuditDeliver), "alert", std::to_string(a.id), "success",
                          fmt::format("{} recipients", recipients), a.unit_code});
  }));
  SHEQU_ASSIGN_OR_RETURN(auto sent, db_.read_value<std::optional<Alert>>([&](storage::Session& s) {
    return repository::find_alert(s, id);
  }));
  OutboundRun run;
  if (sent && sent->status == kSent) {
    SHEQU_ASSIGN_OR_RETURN(run, send_outbound_of(*sent, any_claim, context));
  }
  Json out = outbound_json(run);
  out["state"] = "sent";
  out["recipients"] = recipients;
  return out;
}

Status AlertService::ask_visit(storage::Session& s, const Recipient& r,
                               const std::string& now) const {
  if (!r.vulnerable) return {};
  // A task already there (help, or silence) asks the same visit: insert_task leaves it.
  SHEQU_TRY(repository::insert_task(s, task_for(r, kNoChannel, now)));
  return {};
}

Status AlertService::send_broadcast(const Alert& alert, const std::string& stale_before,
                                    bool withdraw, OutboundRun& run) const {
  const std::string now = format_timestamp(clock_.now());
  const std::string queued(withdraw ? kWithdrawQueued : kQueued);
  const std::string sending(withdraw ? kWithdrawing : kSending);
  const std::string played(withdraw ? kWithdrawn : kSent);
  if (outbound_.broadcast == nullptr) {
    return db_.write([&](storage::Session& s) -> Status {
      SHEQU_TRY(repository::set_broadcast(
          s, alert.id, std::string(kFailed),
          {.at = now, .error = "未接入应急广播系统", .from = alert.broadcast_state}));
      return {};
    });
  }
  SHEQU_ASSIGN_OR_RETURN(const bool claimed, db_.write_value<bool>([&](storage::Session& s) {
    return repository::set_broadcast(
        s, alert.id, sending,
        {.at = now, .claim = true, .stale_before = stale_before, .from = queued});
  }));
  if (!claimed) return {};
  // The loudspeakers of the target's units; a grid's are its community's.
  std::set<std::string> areas(alert.target.units.begin(), alert.target.units.end());
  for (const std::string& grid : alert.target.grids) {
    if (const auto unit = org_.unit(grid)) areas.insert(unit->unit.parent_code);
  }
  // A drawn area's: those of the villages and communities its recipients live in.
  if (!alert.target.area.empty()) {
    SHEQU_ASSIGN_OR_RETURN(const auto units,
                           db_.read_value<std::vector<std::string>>([&](storage::Session& s) {
                             return repository::recipient_units(s, alert.id);
                           }));
    areas.insert(units.begin(), units.end());
  }
  const auto unit = org_.unit(alert.unit_code);
  OutboundMessage m = message_of(alert, unit ? unit->unit.name : alert.unit_code);
  m.key = alert_key(alert) + (withdraw ? "-broadcast-cancel" : "-broadcast");
  m.areas.assign(areas.begin(), areas.end());
  // Loudspeakers speak the warning: no signature.
  m.text = fmt::format("{}。{}{}", alert.title, alert.content,
                       alert.guidance.empty() ? "" : " " + alert.guidance);
  if (withdraw) {
    m.action = "cancel";
    m.text = fmt::format("{}已解除{}。", unit ? unit->unit.name : alert.unit_code, alert.title);
  }
  const auto sent = outbound_.broadcast->send(std::span(&m, 1));
  std::string state = queued;
  repository::BroadcastUpdate update{.at = now, .from = sending};
  if (!sent) {
    spdlog::warn("warning {}: the broadcast system did not take it: {}", alert.id,
                 sent.error().internal_detail);
    update.error = sent.error().internal_detail;
  } else if (sent->front().accepted) {
    state = played;
    update.reference = sent->front().reference;
    run.broadcasts += 1;
  } else {
    state = sent->front().permanent ? std::string(kFailed) : queued;
    update.error = sent->front().error;
  }
  return db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(repository::set_broadcast(s, alert.id, state, update));
    return audit_.append(s, audit::operator_who(),
                         {std::string(kAuditOutbound), "alert", std::to_string(alert.id),
                          state == played ? "success" : "failure",
                          fmt::format("broadcast {}", state), alert.unit_code});
  });
}

Result<OutboundRun> AlertService::send_outbound_of(const Alert& alert,
                                                   const std::string& stale_before,
                                                   const jobs::JobContext& context) const {
  OutboundRun run;
  run.alerts = 1;
  const auto now_point = clock_.now();
  const bool in_force =
      alert.status == kSent && parse_timestamp(alert.valid_until).value_or(now_point) > now_point;
  if (alert.broadcast_state == kWithdrawQueued || alert.broadcast_state == kWithdrawing) {
    SHEQU_TRY(send_broadcast(alert, stale_before, true, run));
  }
  if (!in_force) {
    // Ended (cancelled or past its validity) before it went: nothing more is sent.
    SHEQU_ASSIGN_OR_RETURN(
        run.failed, db_.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
          if (alert.broadcast_state == kQueued) {
            SHEQU_TRY(repository::set_broadcast(s, alert.id, std::string(kFailed),
                                                {.at = format_timestamp(now_point),
                                                 .error = "预警已结束，未播发",
                                                 .from = std::string(kQueued)}));
          }
          return repository::fail_unsent(s, alert.id, "预警已结束，未发送");
        }));
    if (alert.status == kCancelled)
      SHEQU_TRY(send_sms_withdrawals(alert, stale_before, context, run));
    return run;
  }
  if (alert.broadcast_state == kQueued || alert.broadcast_state == kSending) {
    SHEQU_TRY(send_broadcast(alert, stale_before, false, run));
  }
  const auto unit = org_.unit(alert.unit_code);
  const OutboundMessage base = message_of(alert, unit ? unit->unit.name : alert.unit_code);
  const int64_t batch = sms_batch();
  while (!context.stopping()) {
    const std::string now = format_timestamp(clock_.now());
    // The rows this run holds, claimed in one transaction.
    SHEQU_ASSIGN_OR_RETURN(
        const auto claimed,
        db_.write_value<std::vector<repository::SmsToSend>>(
            [&](storage::Session& s) -> Result<std::vector<repository::SmsToSend>> {
              SHEQU_ASSIGN_OR_RETURN(auto rows,
                                     repository::sms_to_send(s, alert.id, stale_before, batch));
              std::vector<repository::SmsToSend> mine;
              for (auto& row : rows) {
                SHEQU_ASSIGN_OR_RETURN(
                    const bool got, repository::claim_sms(s, row.recipient.id, stale_before, now));
                if (!got) continue;
                row.recipient.attempts += 1;
                row.recipient.state = std::string(kSending);
                mine.push_back(std::move(row));
              }
              return mine;
            }));
    if (claimed.empty()) break;

    std::vector<TextToSend> texts;
    for (const auto& row : claimed) {
      texts.push_back({row.phone_sealed,
                       fmt::format("{}-person-{}", alert_key(alert), row.recipient.person_id),
                       row.recipient.attempts});
    }
    bool gateway_down = false;
    const std::vector<TextOutcome> outcomes = text_batch(base, texts, gateway_down);
    std::vector<Recipient> finished;
    for (std::size_t i = 0; i < claimed.size(); ++i) {
      Recipient r = claimed[i].recipient;
      r.state = outcomes[i].state;
      if (r.state == kSent) {
        r.sent_at = now;
        r.outbound_ref = outcomes[i].reference;
      }
      r.outbound_error = outcomes[i].error;
      finished.push_back(std::move(r));
    }
    SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
      int64_t sent = 0;
      int64_t failed = 0;
      for (const Recipient& r : finished) {
        SHEQU_ASSIGN_OR_RETURN(const bool written, repository::finish_sms(s, r));
        if (!written) continue;
        if (r.state == kSent) sent += 1;
        if (r.state == kQueued) run.retry += 1;
        if (r.state == kFailed) {
          failed += 1;
          SHEQU_TRY(ask_visit(s, r, now));
        }
      }
      run.sent += sent;
      run.failed += failed;
      return audit_.append(s, audit::operator_who(),
                           {std::string(kAuditOutbound), "alert", std::to_string(alert.id),
                            gateway_down ? "failure" : "success",
                            fmt::format("sms sent {}, failed {}", sent, failed), alert.unit_code});
    }));
    // The gateway is down: the outbound job tries again later rather than hammer it now.
    if (gateway_down) break;
    if (!context.progress(0.99)) break;
  }
  return run;
}

int64_t AlertService::sms_batch() const {
  return outbound_.sms ? static_cast<int64_t>(std::max<std::size_t>(1, outbound_.sms->max_batch()))
                       : kDeliveryBatch;
}

std::vector<AlertService::TextOutcome> AlertService::text_batch(
    const OutboundMessage& base, const std::vector<TextToSend>& texts, bool& gateway_down) const {
  gateway_down = false;
  std::vector<TextOutcome> outcomes(texts.size());
  std::vector<OutboundMessage> messages;
  std::vector<std::size_t> sent;  // the index in `texts` of each message
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto phone = texts[i].phone_sealed
                           ? keyring_.open(*texts[i].phone_sealed, residents::kPhoneContext)
                           : Result<std::string>(Error::not_found({"手机号", "phone"}));
    if (outbound_.sms == nullptr || !phone || phone->empty()) {
      outcomes[i] = {std::string(kFailed), std::nullopt,
                     outbound_.sms == nullptr ? "未接入短信网关" : "没有登记手机号"};
      continue;
    }
    OutboundMessage m = base;
    m.key = texts[i].key;
    m.phone = *phone;
    messages.push_back(std::move(m));
    sent.push_back(i);
  }
  if (messages.empty()) return outcomes;
  const auto results = outbound_.sms->send(messages);
  if (!results) {
    spdlog::warn("the SMS gateway took none of {} messages ({}…): {}", messages.size(),
                 messages.front().key, results.error().internal_detail);
    gateway_down = true;
  }
  for (std::size_t k = 0; k < sent.size(); ++k) {
    const OutboundResult* result = results ? &(*results)[k] : nullptr;
    TextOutcome& outcome = outcomes[sent[k]];
    if (result && result->accepted) {
      outcome = {std::string(kSent), result->reference, std::nullopt};
    } else if ((result && result->permanent) || texts[sent[k]].attempts >= kMaxSmsAttempts) {
      outcome = {std::string(kFailed), std::nullopt,
                 result ? result->error : results.error().internal_detail};
    } else {
      outcome = {std::string(kQueued), std::nullopt, result ? result->error : "短信网关无应答"};
    }
  }
  return outcomes;
}

Status AlertService::send_sms_withdrawals(const Alert& alert, const std::string& stale_before,
                                          const jobs::JobContext& context, OutboundRun& run) const {
  const auto unit = org_.unit(alert.unit_code);
  const std::string unit_name = unit ? unit->unit.name : alert.unit_code;
  OutboundMessage base = message_of(alert, unit_name);
  base.action = "cancel";
  base.text = fmt::format("【{}】已解除{}。", unit_name, alert.title);
  const int64_t batch = sms_batch();
  while (!context.stopping()) {
    const std::string now = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(
        const auto claimed,
        db_.write_value<std::vector<repository::WithdrawalToSend>>(
            [&](storage::Session& s) -> Result<std::vector<repository::WithdrawalToSend>> {
              SHEQU_ASSIGN_OR_RETURN(
                  auto rows, repository::withdrawals_to_send(s, alert.id, stale_before, batch));
              std::vector<repository::WithdrawalToSend> mine;
              for (auto& row : rows) {
                SHEQU_ASSIGN_OR_RETURN(const bool got, repository::claim_withdrawal(
                                                           s, row.recipient_id, stale_before, now));
                if (!got) continue;
                row.attempts += 1;
                mine.push_back(std::move(row));
              }
              return mine;
            }));
    if (claimed.empty()) break;
    std::vector<TextToSend> texts;
    for (const auto& row : claimed) {
      texts.push_back({row.phone_sealed,
                       fmt::format("{}-person-{}-cancel", alert_key(alert), row.person_id),
                       row.attempts});
    }
    bool gateway_down = false;
    const std::vector<TextOutcome> outcomes = text_batch(base, texts, gateway_down);
    SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
      int64_t sent = 0;
      int64_t failed = 0;
      for (std::size_t i = 0; i < claimed.size(); ++i) {
        const TextOutcome& outcome = outcomes[i];
        SHEQU_ASSIGN_OR_RETURN(const bool written,
                               repository::finish_withdrawal(s, claimed[i].recipient_id,
                                                             outcome.state, outcome.error));
        if (!written) continue;
        if (outcome.state == kSent) sent += 1;
        if (outcome.state == kFailed) failed += 1;
      }
      run.withdrawals += sent;
      return audit_.append(
          s, audit::operator_who(),
          {std::string(kAuditOutbound), "alert", std::to_string(alert.id),
           gateway_down ? "failure" : "success",
           fmt::format("sms withdrawal sent {}, failed {}", sent, failed), alert.unit_code});
    }));
    if (gateway_down) break;
    if (!context.progress(0.99)) break;
  }
  return {};
}

Result<OutboundRun> AlertService::send_outbound(const jobs::JobContext& context) const {
  const std::string stale_before = format_timestamp(clock_.now() - kClaimTimeout);
  SHEQU_ASSIGN_OR_RETURN(const auto ids,
                         db_.read_value<std::vector<int64_t>>([&](storage::Session& s) {
                           return repository::alerts_with_outbound_work(s, stale_before);
                         }));
  OutboundRun total;
  for (const int64_t id : ids) {
    if (context.stopping()) break;
    SHEQU_ASSIGN_OR_RETURN(auto alert,
                           db_.read_value<std::optional<Alert>>(
                               [&](storage::Session& s) { return repository::find_alert(s, id); }));
    if (!alert) continue;
    // A delivery job still queued or running does its own warning's outbound part.
    if (alert->job_id) {
      SHEQU_ASSIGN_OR_RETURN(const auto job, runner_.find(*alert->job_id));
      if (job && !jobs::finished(job->state)) continue;
    }
    SHEQU_ASSIGN_OR_RETURN(const OutboundRun run, send_outbound_of(*alert, stale_before, context));
    total.alerts += run.alerts;
    total.sent += run.sent;
    total.failed += run.failed;
    total.retry += run.retry;
    total.broadcasts += run.broadcasts;
    total.withdrawals += run.withdrawals;
  }
  return total;
}

Result<ReceiptRun> AlertService::take_receipts(const Actor& actor,
                                               const std::vector<Receipt>& receipts) const {
  if (receipts.empty() || receipts.size() > kMaxReceipts) {
    return Error::invalid("receipts", {fmt::format("每次 1–{} 条回执", kMaxReceipts),
                                       fmt::format("from 1 to {} receipts", kMaxReceipts)});
  }
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    const Receipt& r = receipts[i];
    if (r.state != kDelivered && r.state != kFailed) {
      errors.push_back({fmt::format("receipts[{}].state", i),
                        {"回执状态应为 delivered 或 failed", "delivered or failed"}});
    }
    if (utf8_length(r.error) > kMaxNote) {
      errors.push_back({fmt::format("receipts[{}].error", i),
                        {fmt::format("最长 {} 个字", kMaxNote),
                         fmt::format("at most {} characters", kMaxNote)}});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<ReceiptRun>([&](storage::Session& s) -> Result<ReceiptRun> {
    ReceiptRun run;
    const std::string now = format_timestamp(clock_.now());
    for (const Receipt& receipt : receipts) {
      const auto key = parse_person_key(receipt.key);
      std::optional<Recipient> r;
      if (key) {
        SHEQU_ASSIGN_OR_RETURN(r, repository::recipient_of_person(s, key->first, key->second));
      }
      // Outside the caller's scope a message is as unknown as one never sent.
      if (!r || r->channel != kChannelSms || !org_.covers(actor, kReceiptWrite, r->unit_code)) {
        run.unknown.push_back(receipt.key);
        continue;
      }
      const std::optional<std::string> error =
          receipt.error.empty() ? std::nullopt : std::optional(receipt.error);
      SHEQU_ASSIGN_OR_RETURN(const bool taken,
                             repository::take_receipt(s, r->id, receipt.state, error));
      if (!taken) {
        run.unchanged += 1;
        continue;
      }
      run.updated += 1;
      if (receipt.state == kFailed) SHEQU_TRY(ask_visit(s, *r, now));
    }
    SHEQU_TRY(audit_.append(s, audit::who(actor, kReceiptWrite),
                            {std::string(kAuditReceipts), "alert_recipient", "", "success",
                             fmt::format("{} receipts, {} taken, {} unknown", receipts.size(),
                                         run.updated, run.unknown.size()),
                             ""}));
    return run;
  });
}

Result<EscalationRun> AlertService::escalate() const {
  const auto now_point = clock_.now();
  const std::string now = format_timestamp(now_point);
  SHEQU_ASSIGN_OR_RETURN(const auto alerts,
                         db_.read_value<std::vector<Alert>>([&](storage::Session& s) {
                           return repository::alerts_in_force(s, now);
                         }));
  EscalationRun run;
  for (const Alert& a : alerts) {
    const auto issued = parse_timestamp(a.issued_at.value_or(""));
    if (!issued || *issued + std::chrono::minutes(a.ack_minutes) > now_point) continue;
    int64_t raised = 0;
    SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
      raised = 0;
      SHEQU_ASSIGN_OR_RETURN(const auto silent, repository::silent_vulnerable(s, a.id));
      std::set<std::string> grids;
      for (const Recipient& r : silent) {
        SHEQU_ASSIGN_OR_RETURN(const bool made,
                               repository::insert_task(s, task_for(r, kNoAnswer, now)));
        if (!made) continue;
        raised += 1;
        grids.insert(r.grid_code);
      }
      if (raised == 0) return {};
      SHEQU_TRY(tell_grid_workers(
          s, {grids.begin(), grids.end()}, kTaskMessage, fmt::format("{}:no_answer", a.id),
          {fmt::format("预警联系任务：{}", a.title), fmt::format("Calls to make: {}", a.title)},
          {"您网格中有重点人群在时限内未确认预警，请电话或上门联系，并记录结果。",
           "Vulnerable people of your grids did not answer the warning in time: call or visit "
           "them and record how it went."},
          fmt::format("/alerts/tasks?alert={}", a.id)));
      return audit_.append(s, audit::operator_who(),
                           {std::string(kAuditEscalate), "alert", std::to_string(a.id), "success",
                            fmt::format("{} tasks", raised), a.unit_code});
    }));
    if (raised > 0) {
      run.alerts += 1;
      run.tasks += raised;
    }
  }
  return run;
}

Result<org::Page<std::pair<Alert, Recipient>>> AlertService::mine(
    const Actor& actor, const org::PageRequest& page) const {
  return db_.read_value<org::Page<std::pair<Alert, Recipient>>>(
      [&](storage::Session& s) { return repository::alerts_of_account(s, actor.user_id, page); });
}

Result<std::pair<Alert, Recipient>> AlertService::open_mine(const Actor& actor, int64_t id) const {
  return db_.write_value<std::pair<Alert, Recipient>>(
      [&](storage::Session& s) -> Result<std::pair<Alert, Recipient>> {
        SHEQU_ASSIGN_OR_RETURN(auto alert, repository::find_alert(s, id));
        SHEQU_ASSIGN_OR_RETURN(auto mine, repository::recipient_of(s, id, actor.user_id));
        if (!alert || !mine) return alert_not_found();
        if (mine->state == kDelivered) {
          mine->state = std::string(kRead);
          mine->read_at = format_timestamp(clock_.now());
          SHEQU_TRY(repository::update_recipient(s, *mine));
        }
        return std::pair(*alert, *mine);
      });
}

Result<std::pair<Alert, Recipient>> AlertService::answer(const Actor& actor, int64_t id,
                                                         const std::string& answer) const {
  if (answer != kAcknowledged && answer != kHelp) {
    return Error::invalid("answer", {"应为“我已知晓”或“需要帮助”", "acknowledged or help"});
  }
  return db_.write_value<std::pair<Alert, Recipient>>(
      [&](storage::Session& s) -> Result<std::pair<Alert, Recipient>> {
        SHEQU_ASSIGN_OR_RETURN(auto alert, repository::find_alert(s, id));
        SHEQU_ASSIGN_OR_RETURN(auto mine, repository::recipient_of(s, id, actor.user_id));
        if (!alert || !mine) return alert_not_found();
        const auto now_point = clock_.now();
        if (alert->status != kSent) {
          return Error::conflict({"该预警已撤销", "the warning was withdrawn"});
        }
        if (parse_timestamp(alert->valid_until).value_or(now_point) <= now_point) {
          return Error::conflict({"该预警已过有效期", "the warning is no longer in force"});
        }
        // Help once asked stays asked: a later "acknowledged" does not take it back.
        if (mine->state == kHelp) return std::pair(*alert, *mine);
        const std::string now = format_timestamp(now_point);
        mine->state = answer;
        mine->answered_at = now;
        if (!mine->read_at) mine->read_at = now;
        SHEQU_TRY(repository::update_recipient(s, *mine));
        SHEQU_ASSIGN_OR_RETURN(auto task, repository::task_of_recipient(s, mine->id));
        if (answer == kHelp) {
          if (!task) {
            SHEQU_TRY(repository::insert_task(s, task_for(*mine, kHelp, now)));
          } else {
            Task t = *task;
            t.reason = std::string(kHelp);
            t.state = std::string(kOpen);
            t.outcome.reset();
            t.done_at.reset();
            t.done_by.reset();
            t.done_by_name.reset();
            SHEQU_ASSIGN_OR_RETURN(const bool changed,
                                   repository::update_task(s, t, task->version));
            if (!changed) return changed_since();
          }
          SHEQU_TRY(tell_grid_workers(
              s, {mine->grid_code}, kTaskMessage, fmt::format("{}:help:{}", alert->id, mine->id),
              {fmt::format("居民请求帮助：{}", alert->title),
               fmt::format("Asked for help: {}", alert->title)},
              {"您网格中有居民收到预警后请求帮助，请尽快电话或上门联系。",
               "Someone of your grid asked for help after the warning: call or visit them "
               "now."},
              fmt::format("/alerts/tasks?alert={}", alert->id)));
        } else if (task && task->state == kOpen) {
          // They answered themselves: the call asked for is no longer needed.
          Task t = *task;
          t.state = std::string(kDone);
          t.outcome = "reached";
          t.note = "居民已在线确认";
          t.done_at = now;
          SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_task(s, t, task->version));
          if (!changed) return changed_since();
        }
        SHEQU_TRY(audit_.append(s, audit::who(actor, kAlertAnswer),
                                {std::string(kAuditAnswer), "alert", std::to_string(alert->id),
                                 "success", answer, mine->grid_code}));
        return std::pair(*alert, *mine);
      });
}

Result<int64_t> AlertService::count_unanswered(const Actor& actor) const {
  return db_.read_value<int64_t>([&](storage::Session& s) {
    return repository::count_unanswered(s, actor.user_id, format_timestamp(clock_.now()));
  });
}

Result<TaskView> AlertService::task_view(storage::Session& s, Task task) const {
  TaskView view;
  SHEQU_ASSIGN_OR_RETURN(auto alert, repository::find_alert(s, task.alert_id));
  SHEQU_ASSIGN_OR_RETURN(auto recipient, repository::find_recipient(s, task.recipient_id));
  if (alert) {
    view.alert_title = alert->title;
    view.alert_level = alert->level;
  }
  if (recipient) {
    view.person_id = recipient->person_id;
    SHEQU_ASSIGN_OR_RETURN(auto person,
                           residents::repository::find_person(s, recipient->person_id));
    if (person) {
      if (person->name_sealed) {
        auto name = keyring_.open(*person->name_sealed, residents::kNameContext);
        if (name) view.person_name = privacy::mask_name(*name);
      }
      if (person->phone_sealed) {
        auto phone = keyring_.open(*person->phone_sealed, residents::kPhoneContext);
        if (phone) view.phone = privacy::mask_mobile(*phone);
      }
    }
  }
  const auto grid = org_.unit(task.grid_code);
  view.grid_name = grid ? grid->unit.name : task.grid_code;
  view.task = std::move(task);
  return view;
}

Result<org::Page<TaskView>> AlertService::tasks(const Actor& actor, const std::string& state,
                                                int64_t alert_id,
                                                const org::PageRequest& page) const {
  return db_.read_value<org::Page<TaskView>>(
      [&](storage::Session& s) -> Result<org::Page<TaskView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_tasks(s, actor.roots_for(kTaskHandle),
                                                                  state, alert_id, page));
        org::Page<TaskView> out;
        out.total = found.total;
        for (Task& t : found.items) {
          SHEQU_ASSIGN_OR_RETURN(TaskView view, task_view(s, std::move(t)));
          out.items.push_back(std::move(view));
        }
        return out;
      });
}

Result<TaskView> AlertService::finish_task(const Actor& actor, int64_t id, int64_t version,
                                           const std::string& outcome,
                                           const std::string& note) const {
  std::vector<FieldError> errors;
  if (!find_choice(task_outcomes(), outcome)) {
    errors.push_back(
        {"outcome", {"应为已联系、已帮助或无法联系", "reached, helped or unreachable"}});
  }
  auto normalised = normalise_text(note, "note");
  std::string text;
  if (!normalised) {
    errors.insert(errors.end(), normalised.error().details.begin(),
                  normalised.error().details.end());
  } else {
    text = std::string(trim(*normalised));
    if (utf8_length(text) > kMaxNote) {
      errors.push_back({"note",
                        {fmt::format("最长 {} 个字", kMaxNote),
                         fmt::format("at most {} characters", kMaxNote)}});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<TaskView>([&](storage::Session& s) -> Result<TaskView> {
    SHEQU_ASSIGN_OR_RETURN(auto task, repository::find_task(s, id));
    if (!task || !org_.covers(actor, kTaskHandle, task->grid_code)) {
      return Error::not_found({"联系任务", "task"});
    }
    if (task->state != kOpen) {
      return Error::conflict({"该任务已完成", "the task is done already"});
    }
    Task t = *task;
    t.state = std::string(kDone);
    t.outcome = outcome;
    t.note = text;
    t.done_at = format_timestamp(clock_.now());
    t.done_by = account_of(actor);
    t.done_by_name = actor.username;
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_task(s, t, version));
    if (!changed) {
      return Error::conflict({"任务已被他人更新，请刷新后重试",
                              "the task was changed meanwhile; reload and try again"});
    }
    t.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kTaskHandle),
                            {std::string(kAuditTaskDone), "alert_task", std::to_string(t.id),
                             "success", outcome, t.grid_code}));
    return task_view(s, std::move(t));
  });
}

Result<int64_t> AlertService::count_pending_approvals(const Actor& actor) const {
  return db_.read_value<int64_t>([&](storage::Session& s) {
    return repository::count_pending(s, actor.roots_for(kAlertApprove));
  });
}

Result<int64_t> AlertService::count_open_tasks(const Actor& actor) const {
  return db_.read_value<int64_t>([&](storage::Session& s) {
    return repository::count_open_tasks(s, actor.roots_for(kTaskHandle));
  });
}

}  // namespace shequ::alerts
