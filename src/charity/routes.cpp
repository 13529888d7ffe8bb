#include "charity/routes.hpp"

#include "charity/declaration.hpp"
#include "http/contract.hpp"
#include "org/unit_json.hpp"

namespace shequ::charity {

namespace {

using http::Request;
using http::Response;
using org::id_of;
using org::page_of_query;

// The name the public sees for a donor: the one they chose, or 匿名.
std::string public_donor(const Entry& e, Locale locale) {
  if (e.direction != kIncome) return "";
  if (!e.donor_public.empty()) return e.donor_public;
  return Text{"匿名", "Anonymous"}.in(locale);
}

const http::Schema& fund_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("CharityFund", object({{"unit", string()},
                                       {"unitName", string()},
                                       {"balanceFen", integer(0, kMaxInt)},
                                       {"incomeFen", integer(0, kMaxInt)},
                                       {"outgoingFen", integer(0, kMaxInt)},
                                       {"entries", integer(0, kMaxInt)},
                                       {"updatedAt", string()}}));
  return schema;
}

Json fund_json(const FundView& v) {
  const Fund& f = v.fund;
  return {{"unit", f.unit_code},           {"unitName", v.unit_name},
          {"balanceFen", f.balance_fen},   {"incomeFen", f.income_fen},
          {"outgoingFen", f.outgoing_fen}, {"entries", f.entries},
          {"updatedAt", f.updated_at}};
}

const http::Schema& stock_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "CharityStock",
      object({{"item", string()}, {"itemUnit", string()}, {"quantity", integer(0, kMaxInt)}}));
  return schema;
}

Json stock_json(const std::vector<Stock>& stock) {
  Json out = Json::array();
  for (const Stock& s : stock) {
    out.push_back({{"item", s.item}, {"itemUnit", s.item_unit}, {"quantity", s.quantity}});
  }
  return out;
}

Json optional_json(const std::optional<int64_t>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// What staff and the public both see of an entry.
std::vector<http::Property> entry_properties() {
  using namespace http::schema;
  return {{"seq", integer(1, kMaxInt).describe("the entry's number in its fund's ledger")},
          {"direction", enum_of(choice_keys(directions()))},
          {"directionLabel", string()},
          {"form", enum_of(choice_keys(forms()))},
          {"formLabel", string()},
          {"amountFen", integer(0, kMaxInt).describe("money, or the goods' estimated value")},
          {"item", string()},
          {"quantity", integer(0, kMaxInt)},
          {"itemUnit", string()},
          {"donorPublic", string().describe("the name a donor chose to be shown, or 匿名")},
          {"purpose", string()},
          {"destination", string()},
          {"occurredOn", string()},
          {"balanceAfterFen", integer(0, kMaxInt)},
          {"stockAfter", integer(0, kMaxInt)},
          {"correctsSeq",
           integer(1, kMaxInt).nullable().describe("the number of the entry this one reverses")}};
}

Json entry_common_json(const Entry& e, Locale locale) {
  return {{"seq", e.seq},
          {"direction", e.direction},
          {"directionLabel", choice_label(directions(), e.direction, locale)},
          {"form", e.form},
          {"formLabel", choice_label(forms(), e.form, locale)},
          {"amountFen", e.amount_fen},
          {"item", e.item},
          {"quantity", e.quantity},
          {"itemUnit", e.item_unit},
          {"donorPublic", public_donor(e, locale)},
          {"purpose", e.purpose},
          {"destination", e.destination},
          {"occurredOn", e.occurred_on},
          {"balanceAfterFen", e.balance_after_fen},
          {"stockAfter", e.stock_after},
          {"correctsSeq", optional_json(e.corrects_seq)}};
}

const http::Schema& entry_schema() {
  using namespace http::schema;
  static const http::Schema schema = [] {
    std::vector<http::Property> p = entry_properties();
    for (auto& more : std::vector<http::Property>{
             {"id", integer(1, kMaxInt)},
             {"unit", string()},
             {"unitName", string()},
             {"donorMasked", string().describe("the donor's name masked; empty when none given")},
             {"hasDonorPhone", boolean()},
             {"correctsId", integer(1, kMaxInt).nullable().describe("the entry this reverses")},
             {"correctedBy", integer(1, kMaxInt).nullable().describe("the entry reversing this")},
             {"correctedBySeq",
              integer(1, kMaxInt).nullable().describe("its number in the ledger")},
             {"note", string().describe("why a reversal was made")},
             {"recordedByName", string()},
             {"createdAt", string()}}) {
      p.push_back(std::move(more));
    }
    return component("CharityEntry", object(std::move(p)));
  }();
  return schema;
}

Json entry_json(const EntryView& v, Locale locale) {
  const Entry& e = v.entry;
  Json out = entry_common_json(e, locale);
  out["id"] = e.id;
  out["unit"] = e.unit_code;
  out["unitName"] = v.unit_name;
  out["donorMasked"] = v.donor_masked;
  out["hasDonorPhone"] = e.donor_phone_sealed.has_value();
  out["correctsId"] = optional_json(e.corrects_id);
  out["correctedBy"] = optional_json(e.corrected_by);
  out["correctedBySeq"] = optional_json(e.corrected_by_seq);
  out["note"] = e.note;
  out["recordedByName"] = e.recorded_by_name;
  out["createdAt"] = e.created_at;
  return out;
}

const http::Schema& public_entry_schema() {
  using namespace http::schema;
  static const http::Schema schema = component("PublicCharityEntry", object(entry_properties()));
  return schema;
}

const http::Schema& public_fund_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("PublicCharityFund", object({{"unit", string()},
                                             {"unitName", string()},
                                             {"balanceFen", integer(0, kMaxInt)},
                                             {"incomeFen", integer(0, kMaxInt)},
                                             {"outgoingFen", integer(0, kMaxInt)},
                                             {"entries", integer(0, kMaxInt)}}));
  return schema;
}

Json public_fund_json(const FundView& v) {
  Json out = fund_json(v);
  out.erase("updatedAt");
  return out;
}

EntryInput entry_input(const Json& b) {
  return {b["unit"].get<std::string>(),       b["direction"].get<std::string>(),
          b["form"].get<std::string>(),       b["amountFen"].get<int64_t>(),
          b["item"].get<std::string>(),       b["quantity"].get<int64_t>(),
          b["itemUnit"].get<std::string>(),   b["donorName"].get<std::string>(),
          b["donorPhone"].get<std::string>(), b["donorPublic"].get<std::string>(),
          b["purpose"].get<std::string>(),    b["destination"].get<std::string>(),
          b["occurredOn"].get<std::string>()};
}

void add_staff_routes(http::Router& router, const CharityService& service) {
  using namespace http::schema;
  std::vector<http::Property> funds_query = paging();
  funds_query.push_back({"unit", unit_code().optional().describe("its subtree; none: the scope")});
  router.add({.method = "GET",
              .pattern = "/api/v1/charity/funds",
              .permission = std::string(kEntryRead),
              .summary = "Charity funds in scope with their balances, by unit",
              .tag = "charity",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(auto page,
                                       service.funds(*request.actor, q.value("unit", std::string()),
                                                     page_of_query(q)));
                Json items = Json::array();
                for (const FundView& v : page.items) items.push_back(fund_json(v));
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = funds_query, .replies = {{.json = page_of(fund_schema())}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/charity/funds/{code}",
       .permission = std::string(kEntryRead),
       .summary = "A unit's charity fund with the goods in its keeping; all zero until its "
                  "first entry",
       .tag = "charity",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const FundDetail d,
                                service.fund(*request.actor, org::code_of(request)));
         return Response::json(200, {{"fund", fund_json(d.fund)}, {"stock", stock_json(d.stock)}});
       },
       .contract = {.path = org::code_path(),
                    .replies = {{.json = object({{"fund", fund_schema()},
                                                 {"stock", array(stock_schema())}})}}}});
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().optional().describe("its subtree; none: the scope")});
  list_query.push_back({"fund", unit_code().optional().describe("only this unit's own fund")});
  list_query.push_back({"direction", enum_of(choice_keys(directions())).optional()});
  list_query.push_back({"form", enum_of(choice_keys(forms())).optional()});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/charity/entries",
       .permission = std::string(kEntryRead),
       .summary = "Charity ledger entries in scope, newest first; donors masked",
       .tag = "charity",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         EntryFilter filter;
         filter.fund = q.value("fund", std::string());
         filter.direction = q.value("direction", std::string());
         filter.form = q.value("form", std::string());
         SHEQU_ASSIGN_OR_RETURN(auto page,
                                service.list(*request.actor, q.value("unit", std::string()), filter,
                                             page_of_query(q)));
         Json items = Json::array();
         for (const EntryView& v : page.items) items.push_back(entry_json(v, request.locale));
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.query = list_query, .replies = {{.json = page_of(entry_schema())}}},
       .exports = http::ListExport{
           .title = {"慈善收支台账", "Charity ledger"},
           .columns = {{.field = "unit",
                        .label = {"基金所属单位", "Fund"},
                        .format = http::ExportFormat::unit,
                        .width = 30},
                       {.field = "seq", .label = {"序号", "No."}, .width = 8},
                       {.field = "occurredOn", .label = {"日期", "Date"}, .width = 12},
                       {.field = "directionLabel", .label = {"收支", "In/out"}, .width = 8},
                       {.field = "formLabel", .label = {"类别", "Kind"}, .width = 8},
                       {.field = "amountFen",
                        .label = {"金额（元）", "Amount (yuan)"},
                        .format = http::ExportFormat::fen},
                       {.field = "item", .label = {"物资", "Goods"}},
                       {.field = "quantity", .label = {"数量", "Quantity"}, .width = 10},
                       {.field = "itemUnit", .label = {"单位", "Unit"}, .width = 8},
                       {.field = "donorPublic", .label = {"捐赠方（公示）", "Donor (public)"}},
                       {.field = "purpose", .label = {"用途", "Purpose"}, .width = 30},
                       {.field = "destination", .label = {"去向", "Where it went"}, .width = 30},
                       {.field = "balanceAfterFen",
                        .label = {"结余（元）", "Balance (yuan)"},
                        .format = http::ExportFormat::fen},
                       {.field = "note", .label = {"冲正原因", "Reversal"}, .width = 24},
                       {.field = "recordedByName", .label = {"登记人", "Recorded by"}}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/charity/entries",
       .permission = std::string(kEntryWrite),
       .summary = "Records money or goods given to a fund or given out of it; an outgoing "
                  "beyond the balance or the stock is refused",
       .tag = "charity",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const EntryView v,
                                service.record(*request.actor, entry_input(request.body_json)));
         return Response::json(201, entry_json(v, request.locale));
       },
       .contract = {
           .body = object(
               {{"unit", unit_code().describe("a township, village or community")},
                {"direction", enum_of(choice_keys(directions()))},
                {"form", enum_of(choice_keys(forms()))},
                {"amountFen", integer(0, kMaxAmountFen).default_to(0)},
                {"item", text(kMaxItem).min_length(0).default_to("")},
                {"quantity", integer(0, kMaxQuantity).default_to(0)},
                {"itemUnit", text(kMaxItemUnit).min_length(0).default_to("")},
                {"donorName", text(kMaxDonor).min_length(0).default_to("").describe("sealed")},
                {"donorPhone", text(11).min_length(0).default_to("").describe("sealed")},
                {"donorPublic", text(kMaxDonor).min_length(0).default_to("").describe(
                                    "shown to the public; empty: 匿名")},
                {"purpose", text(kMaxPurpose).min_length(0).default_to("")},
                {"destination", text(kMaxDestination).min_length(0).default_to("")},
                {"occurredOn", date()}}),
           .replies = {{.status = 201, .json = entry_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/charity/entries/{id}",
              .permission = std::string(kEntryRead),
              .summary = "One ledger entry; its donor masked",
              .tag = "charity",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const EntryView v,
                                       service.find(*request.actor, id_of(request)));
                return Response::json(200, entry_json(v, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = entry_schema()}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/charity/entries/{id}/correction",
              .permission = std::string(kEntryWrite),
              .summary = "Reverses an entry (冲正) for a stated reason; the ledger is never edited",
              .tag = "charity",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const EntryView v,
                    service.correct(*request.actor, id_of(request),
                                    request.body_json["reason"].get<std::string>()));
                return Response::json(201, entry_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object({{"reason", text(kMaxReason).min_length(0)}}),
                           .replies = {{.status = 201, .json = entry_schema()}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/charity/entries/{id}/donor",
              .permission = std::string(kDonorReveal),
              .summary = "An income's donor in clear, for a stated reason; audited",
              .tag = "charity",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const Donor d,
                    service.reveal_donor(*request.actor, id_of(request),
                                         request.body_json["reason"].get<std::string>()));
                return Response::json(200, {{"name", d.name}, {"phone", d.phone}});
              },
              .contract = {.path = ids_path(),
                           .body = object({{"reason", text(kMaxReason).min_length(0)}}),
                           .replies = {{.json = component(
                                            "CharityDonor",
                                            object({{"name", string()}, {"phone", string()}}))}}},
              .reveals_personal_data = true});
}

std::vector<http::Property> public_funds_query() {
  using namespace http::schema;
  std::vector<http::Property> query = paging();
  query.push_back({"unit", unit_code()});
  return query;
}

void add_public_routes(http::Router& router, const CharityService& service) {
  using namespace http::schema;
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/public/charity/funds",
       .permission = std::string(http::kPublic),
       .summary = "Anyone: the charity funds within a unit, with their balances, by unit code",
       .tag = "charity",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto funds, service.public_funds(q["unit"].get<std::string>(), page_of_query(q)));
         Json items = Json::array();
         for (const FundView& v : funds.items) items.push_back(public_fund_json(v));
         return Response::json(200, {{"items", items}, {"total", funds.total}});
       },
       .contract = {.query = public_funds_query(),
                    .replies = {{.json = page_of(public_fund_schema())}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/public/charity/funds/{code}",
       .permission = std::string(http::kPublic),
       .summary = "Anyone: a fund's public ledger, newest first, with its balance and stock; "
                  "donors only by the name they chose",
       .tag = "charity",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(
             const PublicLedger ledger,
             service.public_ledger(org::code_of(request), page_of_query(request.query_json)));
         Json items = Json::array();
         for (const Entry& e : ledger.entries.items) {
           items.push_back(entry_common_json(e, request.locale));
         }
         return Response::json(200,
                               {{"fund", public_fund_json(ledger.fund)},
                                {"stock", stock_json(ledger.stock)},
                                {"entries", {{"items", items}, {"total", ledger.entries.total}}}});
       },
       .contract = {.path = org::code_path(),
                    .query = paging(),
                    .replies = {{.json = object({{"fund", public_fund_schema()},
                                                 {"stock", array(stock_schema())},
                                                 {"entries", page_of(public_entry_schema())}})}}}});
}

}  // namespace

void add_routes(http::Router& router, const CharityService& service) {
  add_staff_routes(router, service);
  add_public_routes(router, service);
}

}  // namespace shequ::charity
