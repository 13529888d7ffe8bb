#include "alerts/routes.hpp"

#include "alerts/declaration.hpp"
#include "http/contract.hpp"

namespace shequ::alerts {

namespace {

using http::Request;
using http::Response;

std::vector<std::string> keys_of(const std::vector<Choice>& choices) {
  std::vector<std::string> out;
  for (const Choice& c : choices) out.emplace_back(c.key);
  return out;
}

const http::Schema& target_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "AlertTarget",
      object(
          {{"units", array(unit_code())
                         .max_items(kMaxTargetEntries)
                         .default_to(Json::array())
                         .describe("villages, communities or townships (each with its "
                                   "subtree) of the issuing unit")},
           {"grids", array(unit_code()).max_items(kMaxTargetEntries).default_to(Json::array())},
           {"tags",
            array(text(40))
                .max_items(20)
                .default_to(Json::array())
                .describe("residents' tags (living_alone, ...): only people carrying one of "
                          "them; none: everybody")},
           {"area", array(array(tuple({number(), number()}).describe("[longitude, latitude]"))
                              .max_items(kMaxAreaPoints))
                        .max_items(1)
                        .default_to(Json::array())
                        .describe("an area drawn on the map, as GeoJSON Polygon coordinates (one "
                                  "closed ring, WGS 84): the issuing unit's people whose household "
                                  "lies inside")}}));
  return schema;
}

std::vector<http::Property> input_properties() {
  using namespace http::schema;
  return {{"unit", unit_code().describe("the issuing unit: a county, township, village or "
                                        "community")},
          {"category", enum_of(keys_of(categories()))},
          {"level", enum_of(keys_of(levels()))},
          {"title", text(kMaxTitle)},
          {"content", text(kMaxContent)},
          {"guidance", text(kMaxGuidance).min_length(0).default_to("").describe("what to do")},
          {"validFrom", text(30).describe("a UTC timestamp, 2026-07-20T00:00:00.000Z")},
          {"validUntil", text(30)},
          {"target", target_schema()},
          {"ackMinutes", integer(kMinAckMinutes, kMaxAckMinutes)
                             .default_to(60)
                             .describe("how long vulnerable recipients have to answer before "
                                       "their grid worker is asked to call or visit")},
          {"broadcast", boolean().default_to(false).describe(
                            "also on the emergency broadcast system's loudspeakers of the "
                            "target's units (GET /api/v1/alerts/channels says whether there is "
                            "one); not with tags")}};
}

AlertInput input_of(const Json& body) {
  AlertInput in;
  in.unit = body["unit"].get<std::string>();
  in.category = body["category"].get<std::string>();
  in.level = body["level"].get<std::string>();
  in.title = body["title"].get<std::string>();
  in.content = body["content"].get<std::string>();
  in.guidance = body["guidance"].get<std::string>();
  in.valid_from = body["validFrom"].get<std::string>();
  in.valid_until = body["validUntil"].get<std::string>();
  const Json& t = body["target"];
  in.target.units = t["units"].get<std::vector<std::string>>();
  in.target.grids = t["grids"].get<std::vector<std::string>>();
  in.target.tags = t["tags"].get<std::vector<std::string>>();
  for (const Json& ring : t["area"]) {
    geo::Ring points;
    for (const Json& point : ring)
      points.push_back({point[0].get<double>(), point[1].get<double>()});
    in.target.area.push_back(std::move(points));
  }
  in.ack_minutes = body["ackMinutes"].get<int64_t>();
  in.broadcast = body["broadcast"].get<bool>();
  return in;
}

Json optional_json(const std::optional<std::string>& v) {
  return v ? Json(*v) : Json();
}

const http::Schema& alert_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Alert",
      object(
          {{"id", integer(1, kMaxInt)},
           {"version", integer(1, kMaxInt)},
           {"unit", string()},
           {"unitName", string()},
           {"category", string()},
           {"categoryLabel", string()},
           {"level", string()},
           {"levelLabel", string()},
           {"title", string()},
           {"content", string()},
           {"guidance", string()},
           {"validFrom", string()},
           {"validUntil", string()},
           {"target",
            object({{"units", array(string())},
                    {"grids", array(string())},
                    {"tags", array(string())},
                    {"area", array(array(tuple({number(), number()}))).describe("[] when none")}})},
           {"ackMinutes", integer(0, kMaxInt)},
           {"status", enum_of({"draft", "pending", "rejected", "sending", "sent", "cancelled"})},
           {"needsApproval", boolean().describe("issuing it sends it for approval one level "
                                                "up")},
           {"approverUnit", string().nullable()},
           {"createdByName", string()},
           {"decidedByName", string().nullable()},
           {"decidedAt", string().nullable()},
           {"decisionNote", string().nullable()},
           {"issuedAt", string().nullable()},
           {"deliveredAt", string().nullable()},
           {"jobId", integer(1, kMaxInt).nullable()},
           {"recipients", integer(0, kMaxInt)},
           {"createdAt", string()},
           {"updatedAt", string()},
           {"broadcast", boolean().describe("also on the emergency broadcast system")},
           {"broadcastState", enum_of({"none", "queued", "sending", "sent", "failed",
                                       "withdraw_queued", "withdrawing", "withdrawn"})
                                  .describe("withdraw_…: the cancellation (解除) of one that "
                                            "played")},
           {"broadcastError", string().nullable()}}));
  return schema;
}

Json alert_json(const Alert& a, Locale locale) {
  return {
      {"id", a.id},
      {"version", a.version},
      {"unit", a.unit_code},
      {"unitName", ""},
      {"category", a.category},
      {"categoryLabel", choice_label(categories(), a.category, locale)},
      {"level", a.level},
      {"levelLabel", choice_label(levels(), a.level, locale)},
      {"title", a.title},
      {"content", a.content},
      {"guidance", a.guidance},
      {"validFrom", a.valid_from},
      {"validUntil", a.valid_until},
      {"target",
       {{"units", a.target.units},
        {"grids", a.target.grids},
        {"tags", a.target.tags},
        {"area", a.target.area.empty() ? Json::array() : geo::polygon_coordinates(a.target.area)}}},
      {"ackMinutes", a.ack_minutes},
      {"status", a.status},
      {"needsApproval", false},
      {"approverUnit", optional_json(a.approver_unit)},
      {"createdByName", a.created_by_name},
      {"decidedByName", optional_json(a.decided_by_name)},
      {"decidedAt", optional_json(a.decided_at)},
      {"decisionNote", optional_json(a.decision_note)},
      {"issuedAt", optional_json(a.issued_at)},
      {"deliveredAt", optional_json(a.delivered_at)},
      {"jobId", a.job_id ? Json(*a.job_id) : Json()},
      {"recipients", a.recipients},
      {"createdAt", a.created_at},
      {"updatedAt", a.updated_at},
      {"broadcast", a.broadcast},
      {"broadcastState", a.broadcast_state},
      {"broadcastError", optional_json(a.broadcast_error)}};
}

Json view_json(const AlertView& v, Locale locale) {
  Json out = alert_json(v.alert, locale);
  out["unitName"] = v.unit_name;
  out["needsApproval"] = v.needs_approval;
  return out;
}

const http::Schema& counts_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("AlertGridCounts", object({{"grid", string()},
                                           {"gridName", string()},
                                           {"recipients", integer(0, kMaxInt)},
                                           {"acknowledged", integer(0, kMaxInt)},
                                           {"pending", integer(0, kMaxInt)},
                                           {"helped", integer(0, kMaxInt)},
                                           {"unreachable", integer(0, kMaxInt)}}));
  return schema;
}

Json counts_json(const GridCounts& c, const std::string& name) {
  return {{"grid", c.grid_code},         {"gridName", name},
          {"recipients", c.recipients},  {"acknowledged", c.acknowledged},
          {"pending", c.pending},        {"helped", c.helped},
          {"unreachable", c.unreachable}};
}

const http::Schema& channels_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "AlertChannels",
      object(
          {{"h5", integer(0, kMaxInt).describe("reached in the resident pages")},
           {"sms", integer(0, kMaxInt).describe("by SMS (no account, a phone)")},
           {"none", integer(0, kMaxInt).describe("nothing reaches them but a visit")},
           {"smsQueued", integer(0, kMaxInt).describe("not yet taken by the gateway")},
           {"smsSent", integer(0, kMaxInt).describe("taken, no receipt yet")},
           {"smsDelivered", integer(0, kMaxInt)},
           {"smsFailed", integer(0, kMaxInt)},
           {"smsWithdrawals",
            integer(0, kMaxInt).describe("withdrawn (解除): those texted, to be told so by SMS")},
           {"smsWithdrawn", integer(0, kMaxInt).describe("of them, told")},
           {"smsWithdrawFailed", integer(0, kMaxInt)}}));
  return schema;
}

Json channels_json(const ChannelCounts& c) {
  return {{"h5", c.h5},
          {"sms", c.sms},
          {"none", c.none},
          {"smsQueued", c.sms_queued},
          {"smsSent", c.sms_sent},
          {"smsDelivered", c.sms_delivered},
          {"smsFailed", c.sms_failed},
          {"smsWithdrawals", c.sms_withdrawals},
          {"smsWithdrawn", c.sms_withdrawn},
          {"smsWithdrawFailed", c.sms_withdraw_failed}};
}

const http::Schema& task_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "AlertTask", object({{"id", integer(1, kMaxInt)},
                           {"version", integer(1, kMaxInt)},
                           {"alertId", integer(1, kMaxInt)},
                           {"alertTitle", string()},
                           {"alertLevel", string()},
                           {"personId", integer(0, kMaxInt)
                                            .describe("the person's page, where a worker may "
                                                      "reveal the phone and address")},
                           {"personName", string().describe("masked")},
                           {"phone", string().describe("masked; \"\" none")},
                           {"grid", string()},
                           {"gridName", string()},
                           {"reason", enum_of(keys_of(task_reasons()))},
                           {"reasonLabel", string()},
                           {"state", enum_of({"open", "done"})},
                           {"outcome", string().nullable()},
                           {"outcomeLabel", string().nullable()},
                           {"note", string().nullable()},
                           {"createdAt", string()},
                           {"doneAt", string().nullable()},
                           {"doneByName", string().nullable()}}));
  return schema;
}

Json task_json(const TaskView& v, Locale locale) {
  const Task& t = v.task;
  return {{"id", t.id},
          {"version", t.version},
          {"alertId", t.alert_id},
          {"alertTitle", v.alert_title},
          {"alertLevel", v.alert_level},
          {"personId", v.person_id},
          {"personName", v.person_name},
          {"phone", v.phone},
          {"grid", t.grid_code},
          {"gridName", v.grid_name},
          {"reason", t.reason},
          {"reasonLabel", choice_label(task_reasons(), t.reason, locale)},
          {"state", t.state},
          {"outcome", optional_json(t.outcome)},
          {"outcomeLabel",
           t.outcome ? Json(choice_label(task_outcomes(), *t.outcome, locale)) : Json()},
          {"note", optional_json(t.note)},
          {"createdAt", t.created_at},
          {"doneAt", optional_json(t.done_at)},
          {"doneByName", optional_json(t.done_by_name)}};
}

// A warning as its recipient sees it: no target, no author, their own state.
const http::Schema& received_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("ReceivedAlert",
                object({{"id", integer(1, kMaxInt)},
                        {"unitName", string()},
                        {"category", string()},
                        {"categoryLabel", string()},
                        {"level", string()},
                        {"levelLabel", string()},
                        {"title", string()},
                        {"content", string()},
                        {"guidance", string()},
                        {"validFrom", string()},
                        {"validUntil", string()},
                        {"withdrawn", boolean().describe("the issuing unit withdrew it (解除)")},
                        {"inForce", boolean().describe("sent, not withdrawn, not yet over")},
                        {"state", enum_of({"delivered", "read", "acknowledged", "help"})},
                        {"deliveredAt", string()},
                        {"answeredAt", string().nullable()}}));
  return schema;
}

}  // namespace

void add_routes(http::Router& router, const AlertService& service, const org::OrgService& org,
                const Clock& clock) {
  using namespace http::schema;
  const auto unit_name = [&org](const std::string& code) {
    const auto unit = org.unit(code);
    return unit ? unit->unit.name : code;
  };
  const auto received_json = [unit_name](const std::pair<Alert, Recipient>& item,
                                         const std::string& now, Locale locale) {
    const auto& [a, r] = item;
    Json out{{"id", a.id},
             {"unitName", unit_name(a.unit_code)},
             {"category", a.category},
             {"categoryLabel", choice_label(categories(), a.category, locale)},
             {"level", a.level},
             {"levelLabel", choice_label(levels(), a.level, locale)},
             {"title", a.title},
             {"content", a.content},
             {"guidance", a.guidance},
             {"validFrom", a.valid_from},
             {"validUntil", a.valid_until},
             {"withdrawn", a.status == kCancelled},
             {"inForce", a.status == kSent && a.valid_until > now},
             {"state", r.state},
             {"deliveredAt", r.delivered_at},
             {"answeredAt", optional_json(r.answered_at)}};
    return out;
  };

  std::vector<http::Property> list_query = paging();
  list_query.push_back(
      {"status",
       enum_of({"draft", "pending", "rejected", "sending", "sent", "cancelled"}).optional()});
  router.add({.method = "GET",
              .pattern = "/api/v1/alerts",
              .permission = std::string(kAlertRead),
              .summary = "Warnings issued in scope, awaiting the caller's approval, or that "
                         "reached people in scope; newest first",
              .tag = "alerts",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    auto page,
                    service.list(*request.actor, q.value("status", std::string()),
                                 {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
                Json items = Json::array();
                for (const AlertView& v : page.items) {
                  items.push_back(view_json(v, request.locale));
                }
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = list_query, .replies = {{.json = page_of(alert_schema())}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/alerts",
              .permission = std::string(kAlertWrite),
              .summary = "Composes a warning (a draft); its target must hold somebody",
              .tag = "alerts",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const AlertView v,
                                       service.create(*request.actor, input_of(request.body_json)));
                return Response::json(201, view_json(v, request.locale));
              },
              .contract = {.body = object(input_properties()),
                           .replies = {{.status = 201, .json = alert_schema()}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/alerts/count",
              .permission = std::string(kAlertWrite),
              .summary = "How many people a warning as composed would reach now",
              .tag = "alerts",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const int64_t people,
                    service.count_target(*request.actor, input_of(request.body_json)));
                return Response::json(200, {{"people", people}});
              },
              .contract = {.body = object(input_properties()),
                           .replies = {{.json = object({{"people", integer(0, kMaxInt)}})}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/alerts/{id}",
              .permission = std::string(kAlertRead),
              .summary = "One warning",
              .tag = "alerts",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const AlertView v,
                    service.find(*request.actor, request.path_json["id"].get<int64_t>()));
                return Response::json(200, view_json(v, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = alert_schema()}}}});
  std::vector<http::Property> update_body = input_properties();
  update_body.push_back({"version", integer(1, kMaxInt)});
  router.add({.method = "PUT",
              .pattern = "/api/v1/alerts/{id}",
              .permission = std::string(kAlertWrite),
              .summary = "Rewrites a draft",
              .tag = "alerts",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const AlertView v,
                    service.update(*request.actor, request.path_json["id"].get<int64_t>(),
                                   request.body_json["version"].get<int64_t>(),
                                   input_of(request.body_json)));
                return Response::json(200, view_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object(update_body),
                           .replies = {{.json = alert_schema()}}}});
  const auto versioned = [&](const char* pattern, std::string_view permission, const char* summary,
                             auto act) {
    router.add({.method = "POST",
                .pattern = pattern,
                .permission = std::string(permission),
                .summary = summary,
                .tag = "alerts",
                .handler = [&service, act](const Request& request) -> Result<Response> {
                  SHEQU_ASSIGN_OR_RETURN(
                      const AlertView v,
                      act(service, request, request.path_json["id"].get<int64_t>(),
                          request.body_json["version"].get<int64_t>()));
                  return Response::json(200, view_json(v, request.locale));
                },
                .contract = {.path = ids_path(),
                             .body = object({{"version", integer(1, kMaxInt)}}),
                             .replies = {{.json = alert_schema()}}}});
  };
  versioned("/api/v1/alerts/{id}/issue", kAlertWrite,
            "Issues a draft: for approval one level up when its level asks for it, else out "
            "at once",
            [](const AlertService& s, const Request& r, int64_t id, int64_t version) {
              return s.issue(*r.actor, id, version);
            });
  versioned("/api/v1/alerts/{id}/cancel", kAlertWrite,
            "Withdraws a draft, a pending warning or one sent (解除)",
            [](const AlertService& s, const Request& r, int64_t id, int64_t version) {
              return s.cancel(*r.actor, id, version);
            });
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/alerts/{id}/decision",
       .permission = std::string(kAlertApprove),
       .summary = "Approves a pending warning (it goes out) or rejects it with a reason",
       .tag = "alerts",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& body = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const AlertView v,
             service.decide(*request.actor, request.path_json["id"].get<int64_t>(),
                            body["version"].get<int64_t>(), body["approve"].get<bool>(),
                            body["note"].get<std::string>()));
         return Response::json(200, view_json(v, request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"version", integer(1, kMaxInt)},
                                    {"approve", boolean()},
                                    {"note", text(kMaxNote).min_length(0).default_to("").describe(
                                                 "required to reject")}}),
                    .replies = {{.json = alert_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/alerts/{id}/board",
              .permission = std::string(kAlertRead),
              .summary = "Per grid in the caller's scope: recipients, acknowledged, pending, "
                         "helped, unreachable",
              .tag = "alerts",
              .handler = [&service, unit_name](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const Board board,
                    service.board(*request.actor, request.path_json["id"].get<int64_t>()));
                Json grids = Json::array();
                for (const GridCounts& g : board.grids) {
                  grids.push_back(counts_json(g, unit_name(g.grid_code)));
                }
                return Response::json(200, {{"grids", grids},
                                            {"total", counts_json(board.total, "")},
                                            {"channels", channels_json(board.channels)}});
              },
              .contract = {.path = ids_path(),
                           .replies = {{.json = object({{"grids", array(counts_schema())},
                                                        {"total", counts_schema()},
                                                        {"channels", channels_schema()}})}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/alerts/channels",
              .permission = std::string(kAlertRead),
              .summary = "Whether this server hands warnings to an SMS gateway and to the "
                         "emergency broadcast system",
              .tag = "alerts",
              .handler = [&service](const Request&) -> Result<Response> {
                return Response::json(200,
                                      {{"sms", service.channels().sms != nullptr},
                                       {"broadcast", service.channels().broadcast != nullptr}});
              },
              .contract = {
                  .replies = {{.json = object({{"sms", boolean()}, {"broadcast", boolean()}})}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/alerts/receipts",
       .permission = std::string(kReceiptWrite),
       .summary = "An SMS gateway's delivery receipts, by the keys of the messages it took "
                  "(docs/integration/outbound.md); each counts once",
       .tag = "alerts",
       .handler = [&service](const Request& request) -> Result<Response> {
         std::vector<Receipt> receipts;
         for (const Json& r : request.body_json["receipts"]) {
           receipts.push_back({r["key"].get<std::string>(), r["state"].get<std::string>(),
                               r["error"].get<std::string>()});
         }
         SHEQU_ASSIGN_OR_RETURN(const ReceiptRun run,
                                service.take_receipts(*request.actor, receipts));
         return Response::json(
             200,
             {{"updated", run.updated}, {"unchanged", run.unchanged}, {"unknown", run.unknown}});
       },
       .contract = {
           .body = object(
               {{"receipts", array(object({{"key", text(80)},
                                           {"state", enum_of({"delivered", "failed"})},
                                           {"error", text(kMaxNote).min_length(0).default_to("")}}))
                                 .min_items(1)
                                 .max_items(kMaxReceipts)}}),
           .replies = {{.json = object(
                            {{"updated", integer(0, kMaxInt)},
                             {"unchanged", integer(0, kMaxInt)},
                             {"unknown", array(string()).describe("keys of no SMS the "
                                                                  "caller's scope holds")}})}}}});

  std::vector<http::Property> task_query = paging();
  task_query.push_back({"state", enum_of({"open", "done"}).optional()});
  task_query.push_back({"alert", integer(1, kMaxInt).optional()});
  router.add({.method = "GET",
              .pattern = "/api/v1/alerts/tasks",
              .permission = std::string(kTaskHandle),
              .summary = "Calls and visits in the caller's grids: open ones first, help first",
              .tag = "alerts",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    auto page,
                    service.tasks(*request.actor, q.value("state", std::string()),
                                  q.value("alert", int64_t{0}),
                                  {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
                Json items = Json::array();
                for (const TaskView& t : page.items) items.push_back(task_json(t, request.locale));
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = task_query, .replies = {{.json = page_of(task_schema())}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/alerts/tasks/{id}/done",
              .permission = std::string(kTaskHandle),
              .summary = "Records how a call or visit went",
              .tag = "alerts",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& body = request.body_json;
                SHEQU_ASSIGN_OR_RETURN(
                    const TaskView v,
                    service.finish_task(*request.actor, request.path_json["id"].get<int64_t>(),
                                        body["version"].get<int64_t>(),
                                        body["outcome"].get<std::string>(),
                                        body["note"].get<std::string>()));
                return Response::json(200, task_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object({{"version", integer(1, kMaxInt)},
                                           {"outcome", enum_of(keys_of(task_outcomes()))},
                                           {"note", text(kMaxNote).min_length(0).default_to("")}}),
                           .replies = {{.json = task_schema()}}}});

  router.add(
      {.method = "GET",
       .pattern = "/api/v1/alerts/mine",
       .permission = std::string(kAlertAnswer),
       .summary = "The warnings that reached the caller (a resident), newest first, with "
                  "how many in force await an answer",
       .tag = "alerts",
       .handler = [&service, &clock, received_json](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto page, service.mine(*request.actor,
                                     {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
         SHEQU_ASSIGN_OR_RETURN(const int64_t unanswered, service.count_unanswered(*request.actor));
         const std::string now = format_timestamp(clock.now());
         Json items = Json::array();
         for (const auto& item : page.items) {
           items.push_back(received_json(item, now, request.locale));
         }
         return Response::json(
             200, {{"items", items}, {"total", page.total}, {"unanswered", unanswered}});
       },
       .contract = {.query = paging(),
                    .replies = {{.json = object({{"items", array(received_schema())},
                                                 {"total", integer(0, kMaxInt)},
                                                 {"unanswered", integer(0, kMaxInt)}})}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/alerts/mine/{id}",
       .permission = std::string(kAlertAnswer),
       .summary = "One of the caller's warnings; opening it marks it read",
       .tag = "alerts",
       .handler = [&service, &clock, received_json](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(
             const auto item,
             service.open_mine(*request.actor, request.path_json["id"].get<int64_t>()));
         return Response::json(200,
                               received_json(item, format_timestamp(clock.now()), request.locale));
       },
       .contract = {.path = ids_path(), .replies = {{.json = received_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/alerts/mine/{id}/answer",
       .permission = std::string(kAlertAnswer),
       .summary = "Answers one of the caller's warnings: acknowledged (我已知晓) or help "
                  "(需要帮助, a task for the grid worker at once)",
       .tag = "alerts",
       .handler = [&service, &clock, received_json](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(
             const auto item, service.answer(*request.actor, request.path_json["id"].get<int64_t>(),
                                             request.body_json["answer"].get<std::string>()));
         return Response::json(200,
                               received_json(item, format_timestamp(clock.now()), request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"answer", enum_of({"acknowledged", "help"})}}),
                    .replies = {{.json = received_schema()}}}});

  router.add(
      {.method = "GET",
       .pattern = "/api/v1/alerts/settings/{unit}",
       .permission = std::string(kAlertRead),
       .summary = "From which level a unit's warnings need approval one level up",
       .tag = "alerts",
       .handler = [&service](const Request& request) -> Result<Response> {
         const std::string unit = request.path_json["unit"].get<std::string>();
         SHEQU_ASSIGN_OR_RETURN(const std::string from,
                                service.approval_from(*request.actor, unit));
         return Response::json(200, {{"unit", unit}, {"approvalFrom", from}});
       },
       .contract = {
           .path = {{"unit", unit_code()}},
           .replies = {{.json = object({{"unit", string()}, {"approvalFrom", string()}})}}}});
  router.add(
      {.method = "PUT",
       .pattern = "/api/v1/alerts/settings/{unit}",
       .permission = std::string(kAlertApprove),
       .summary = "Sets from which level a unit's warnings need approval (the unit "
                  "above sets it; red always does)",
       .tag = "alerts",
       .handler = [&service](const Request& request) -> Result<Response> {
         const std::string unit = request.path_json["unit"].get<std::string>();
         SHEQU_ASSIGN_OR_RETURN(
             const std::string from,
             service.set_approval_from(*request.actor, unit,
                                       request.body_json["approvalFrom"].get<std::string>()));
         return Response::json(200, {{"unit", unit}, {"approvalFrom", from}});
       },
       .contract = {
           .path = {{"unit", unit_code()}},
           .body = object({{"approvalFrom", enum_of({"yellow", "orange", "red"})}}),
           .replies = {{.json = object({{"unit", string()}, {"approvalFrom", string()}})}}}});
}

}  // namespace shequ::alerts
