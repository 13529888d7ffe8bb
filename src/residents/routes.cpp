#include "residents/routes.hpp"

#include "org/unit_json.hpp"
#include "residents/declaration.hpp"

namespace shequ::residents {

namespace {

using http::Request;
using http::Response;

std::vector<std::string> keys_of(const std::vector<Choice>& choices) {
  std::vector<std::string> keys;
  for (const Choice& c : choices) keys.emplace_back(c.key);
  return keys;
}

std::vector<std::string> tag_keys() {
  std::vector<std::string> keys;
  for (const TagKind& k : tag_kinds()) keys.emplace_back(k.key);
  return keys;
}

const http::Schema& tag_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentTag",
      object({{"key", enum_of(tag_keys())},
              {"label", string()},
              {"detail", string().describe("a disability's kind and grade, as physical:2; "
                                           "\"\" for other tags")}}));
  return schema;
}

const http::Schema& household_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentHousehold",
      object({{"id", integer(1, kMaxInt)},
              {"unit", org::unit_ref_schema().describe("the village or community")},
              {"grid", org::unit_ref_schema()},
              {"address", string().describe("masked down to the street: 城关区畅家巷****")},
              {"lat", number().nullable()},
              {"lon", number().nullable()},
              {"type", enum_of(keys_of(household_types()))},
              {"typeLabel", string()},
              {"members", integer(0, kMaxInt).describe("living in it now")},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

const http::Schema& person_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentPerson",
      object({{"id", integer(1, kMaxInt)},
              {"name", string().describe("masked: 张*三; \"\" once anonymised")},
              {"idNumber", string().describe("masked: 620***********123X")},
              {"phone", string().describe("masked: 138****5678; \"\" when none")},
              {"sex", enum_of({"male", "female"})},
              {"birthDate", date()},
              {"ethnicity", string()},
              {"registration", enum_of(keys_of(registrations()))},
              {"registrationLabel", string()},
              {"unit", org::unit_ref_schema()},
              {"grid", org::unit_ref_schema()},
              {"householdId", integer(1, kMaxInt).nullable().describe("none once moved away")},
              {"relation", string().describe("to the head of the current household; \"\" once "
                                             "moved away")},
              {"relationLabel", string()},
              {"movedOut", date().nullable()},
              {"anonymised", boolean()},
              {"tags", array(tag_schema()).describe("those the caller may see")},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

const http::Schema& person_detail_schema() {
  using namespace http::schema;
  static const http::Schema stay =
      component("ResidentStay", object({{"household", household_schema()},
                                        {"relation", string()},
                                        {"relationLabel", string()},
                                        {"movedIn", date()},
                                        {"movedOut", date().nullable()}}));
  static const http::Schema schema = component(
      "ResidentPersonDetail",
      object({{"person", person_schema()},
              {"household", household_schema().nullable()},
              {"history", array(stay).describe("the households lived in, oldest first")}}));
  return schema;
}

Json unit_json(const org::OrgService& org, const std::string& code) {
  auto unit = org.unit(code);
  return unit ? org::unit_ref_json(*unit)
              : Json{{"code", code}, {"name", ""}, {"path", Json::array()}};
}

Json degrees(const std::optional<int32_t>& e7) {
  return e7 ? Json(*e7 / 1e7) : Json(nullptr);
}

Json household_json(const org::OrgService& org, const HouseholdView& v, Locale locale) {
  const Household& h = v.value;
  return {{"id", h.id},
          {"unit", unit_json(org, h.unit_code)},
          {"grid", unit_json(org, h.grid_code)},
          {"address", v.address},
          {"lat", degrees(h.lat_e7)},
          {"lon", degrees(h.lon_e7)},
          {"type", h.type},
          {"typeLabel", choice_label(household_types(), h.type, locale)},
          {"members", v.members},
          {"version", h.version}};
}

Json person_json(const org::OrgService& org, const PersonView& v, Locale locale) {
  const Person& p = v.value;
  Json tags = Json::array();
  for (const Tag& t : p.tags) {
    const TagKind* kind = find_tag_kind(t.key);
    tags.push_back({{"key", t.key},
                    {"label", kind != nullptr ? kind->label.in(locale) : t.key},
                    {"detail", t.detail}});
  }
  return {
      {"id", p.id},
      {"name", v.name},
      {"idNumber", v.id_number},
      {"phone", v.phone},
      {"sex", p.sex},
      {"birthDate", p.birth_date},
      {"ethnicity", p.ethnicity},
      {"registration", p.registration},
      {"registrationLabel", choice_label(registrations(), p.registration, locale)},
      {"unit", unit_json(org, p.unit_code)},
      {"grid", unit_json(org, p.grid_code)},
      {"householdId", p.household_id ? Json(*p.household_id) : Json(nullptr)},
      {"relation", p.relation},
      {"relationLabel", p.relation.empty() ? "" : choice_label(relations(), p.relation, locale)},
      {"movedOut", p.moved_out ? Json(*p.moved_out) : Json(nullptr)},
      {"anonymised", p.anonymised_at.has_value()},
      {"tags", std::move(tags)},
      {"version", p.version}};
}

Json detail_json(const org::OrgService& org, const PersonDetail& d, Locale locale) {
  Json history = Json::array();
  for (const Stay& s : d.history) {
    history.push_back({{"household", household_json(org, s.household, locale)},
                       {"relation", s.value.relation},
                       {"relationLabel", choice_label(relations(), s.value.relation, locale)},
                       {"movedIn", s.value.moved_in},
                       {"movedOut", s.value.moved_out ? Json(*s.value.moved_out) : Json(nullptr)}});
  }
  return {{"person", person_json(org, d.view, locale)},
          {"household", d.household ? household_json(org, *d.household, locale) : Json(nullptr)},
          {"history", std::move(history)}};
}

std::vector<Tag> tags_of(const Json& items) {
  std::vector<Tag> tags;
  for (const Json& t : items)
    tags.push_back({t["key"].get<std::string>(), t["detail"].get<std::string>()});
  return tags;
}

http::Schema tags_input() {
  using namespace http::schema;
  return array(object({{"key", text(40)},
                       {"detail", text(20).min_length(0).default_to("").describe(
                                      "a disability's kind and grade: physical:2")}}))
      .max_items(20);
}

std::vector<http::Property> id_path() {
  return {{"id", http::schema::integer(1, http::schema::kMaxInt)}};
}

int64_t id_of(const Request& request) {
  return request.path_json["id"].get<int64_t>();
}

}  // namespace

void add_routes(http::Router& router, const ResidentService& service, const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/households",
      .permission = std::string(kPersonWrite),
      .summary = "Register a household in a grid",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        NewHousehold input{body["gridCode"].get<std::string>(), body["address"].get<std::string>(),
                           http::field<double>(body, "lat"), http::field<double>(body, "lon"),
                           body["type"].get<std::string>()};
        SHEQU_ASSIGN_OR_RETURN(HouseholdView made, service.create_household(*request.actor, input));
        return Response::json(201, household_json(org, made, request.locale));
      },
      .contract = {.body = object({{"gridCode", unit_code().describe("the grid it lives in")},
                                   {"address", text(kMaxAddress).min_length(0)},
                                   {"lat", number(-90, 90).optional().describe("WGS 84")},
                                   {"lon", number(-180, 180).optional().describe("WGS 84")},
                                   {"type", text(20).default_to("family")}}),
                   .replies = {{.status = 201, .json = household_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/households",
      .permission = std::string(kPersonRead),
      .summary = "Households in scope, newest first, addresses masked",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            auto page,
            service.households(*request.actor, http::field<std::string>(q, "unit"),
                               {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
        Json items = Json::array();
        for (const HouseholdView& h : page.items)
          items.push_back(household_json(org, h, request.locale));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         return query;
                       }(),
                   .replies = {{.json = page_of(household_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/households/{id}",
      .permission = std::string(kPersonRead),
      .summary = "A household with the people living in it (masked); the read is audited",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(HouseholdDetail d,
                               service.household(*request.actor, id_of(request)));
        Json members = Json::array();
        for (const PersonView& p : d.members)
          members.push_back(person_json(org, p, request.locale));
        return Response::json(200, {{"household", household_json(org, d.household, request.locale)},
                                    {"members", std::move(members)}});
      },
      .contract = {.path = id_path(),
                   .replies = {{.json = component("ResidentHouseholdDetail",
                                                  object({{"household", household_schema()},
                                                          {"members", array(person_schema())}}))}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons",
      .permission = std::string(kPersonWrite),
      .summary = "Register a person in a household; sex and date of birth come from the ID "
                 "number",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        NewPerson input;
        input.household = body["householdId"].get<int64_t>();
        input.relation = body["relation"].get<std::string>();
        input.name = body["name"].get<std::string>();
        input.id_number = body["idNumber"].get<std::string>();
        input.phone = body["phone"].get<std::string>();
        input.ethnicity = body["ethnicity"].get<std::string>();
        input.registration = body["registration"].get<std::string>();
        input.moved_in = body["movedIn"].get<std::string>();
        input.tags = tags_of(body["tags"]);
        SHEQU_ASSIGN_OR_RETURN(PersonDetail made, service.register_person(*request.actor, input));
        return Response::json(201, detail_json(org, made, request.locale));
      },
      .contract = {.body = object(
                       {{"householdId", integer(1, kMaxInt)},
                        {"relation", text(20)},
                        {"name", text(kMaxName).min_length(0)},
                        {"idNumber", text(18).min_length(0).describe("公民身份号码, GB 11643")},
                        {"phone", text(11).min_length(0).default_to("").describe(
                                      "a mobile number; \"\" none")},
                        {"ethnicity", text(kMaxEthnicity).min_length(0).default_to("")},
                        {"registration", text(20).default_to("registered")},
                        {"movedIn", text(10).describe("YYYY-MM-DD")},
                        {"tags", tags_input().default_to(Json::array())}}),
                   .replies = {{.status = 201, .json = person_detail_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/persons",
      .permission = std::string(kPersonRead),
      .summary = "People in scope, newest first, masked; by tag",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        PersonQuery query{http::field<std::string>(q, "unit"),
                          q["tag"].get<std::string>(),
                          q["includeMovedOut"].get<bool>(),
                          {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}};
        SHEQU_ASSIGN_OR_RETURN(auto page, service.people(*request.actor, query));
        Json items = Json::array();
        for (const PersonView& p : page.items) items.push_back(person_json(org, p, request.locale));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         query.push_back({"tag", text(40).min_length(0).default_to("")});
                         query.push_back({"includeMovedOut", boolean().default_to(false)});
                         return query;
                       }(),
                   .replies = {{.json = page_of(person_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/search",
      .permission = std::string(kPersonRead),
      .summary = "Find people by ID number or phone, exactly (in the body, so that neither "
                 "lands in an access log); audited",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(auto found,
                               service.find(*request.actor, body["idNumber"].get<std::string>(),
                                            body["phone"].get<std::string>()));
        Json items = Json::array();
        for (const PersonView& p : found) items.push_back(person_json(org, p, request.locale));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.body = object({{"idNumber", text(18).min_length(0).default_to("")},
                                   {"phone", text(11).min_length(0).default_to("")}}),
                   .replies = {{.json = page_of(person_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/persons/{id}",
      .permission = std::string(kPersonRead),
      .summary = "A person's record (masked) with the households lived in; the read is audited",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(PersonDetail d, service.person(*request.actor, id_of(request)));
        return Response::json(200, detail_json(org, d, request.locale));
      },
      .contract = {.path = id_path(), .replies = {{.json = person_detail_schema()}}},
  });
  router.add({
      .method = "PATCH",
      .pattern = "/api/v1/residents/persons/{id}",
      .permission = std::string(kPersonWrite),
      .summary = "Correct a person's name, phone, ethnicity, registration or tags",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        PersonChange change;
        change.version = body["version"].get<int64_t>();
        change.name = http::field<std::string>(body, "name");
        change.phone = http::field<std::string>(body, "phone");
        change.ethnicity = http::field<std::string>(body, "ethnicity");
        change.registration = http::field<std::string>(body, "registration");
        if (body.contains("tags")) change.tags = tags_of(body["tags"]);
        SHEQU_ASSIGN_OR_RETURN(PersonDetail d,
                               service.correct(*request.actor, id_of(request), change));
        return Response::json(200, detail_json(org, d, request.locale));
      },
      .contract = {.path = id_path(),
                   .body = object(
                       {{"version", integer(1, kMaxInt)},
                        {"name", text(kMaxName).min_length(0).optional()},
                        {"phone", text(11).min_length(0).optional().describe("\"\" removes it")},
                        {"ethnicity", text(kMaxEthnicity).min_length(0).optional()},
                        {"registration", text(20).optional()},
                        {"tags",
                         tags_input().optional().describe("every tag the caller may see")}}),
                   .replies = {{.json = person_detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/{id}/move",
      .permission = std::string(kPersonWrite),
      .summary = "A person moves into another household, or away from the area; the history is "
                 "kept",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        Move move{body["version"].get<int64_t>(), http::field<int64_t>(body, "householdId"),
                  body["relation"].get<std::string>(), body["date"].get<std::string>()};
        SHEQU_ASSIGN_OR_RETURN(PersonDetail d, service.move(*request.actor, id_of(request), move));
        return Response::json(200, detail_json(org, d, request.locale));
      },
      .contract = {.path = id_path(),
                   .body = object(
                       {{"version", integer(1, kMaxInt)},
                        {"householdId",
                         integer(1, kMaxInt).optional().describe("none: moved away from the area")},
                        {"relation", text(20).default_to("other")},
                        {"date", text(10).describe("YYYY-MM-DD")}}),
                   .replies = {{.json = person_detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/{id}/reveal",
      .permission = std::string(kPersonReveal),
      .summary = "One of a person's fields in clear, for a stated reason; audited",
      .tag = "residents",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        const std::string field = body["field"].get<std::string>();
        const RevealField which = field == "name"       ? RevealField::name
                                  : field == "idNumber" ? RevealField::id_number
                                  : field == "phone"    ? RevealField::phone
                                                        : RevealField::address;
        SHEQU_ASSIGN_OR_RETURN(std::string value,
                               service.reveal(*request.actor, id_of(request), which,
                                              body["reason"].get<std::string>()));
        return Response::json(200, {{"field", field}, {"value", value}});
      },
      .contract = {.path = id_path(),
                   .body = object({{"field", enum_of({"name", "idNumber", "phone", "address"})},
                                   {"reason", text(kMaxReason).min_length(0)}}),
                   .replies = {{.json = component(
                                    "ResidentRevealed",
                                    object({{"field", string()}, {"value", string()}}))}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/{id}/export",
      .permission = std::string(kPersonReveal),
      .summary = "Everything held about a person, in clear, to answer their request (PIPL "
                 "article 45); audited with the reason",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            PersonRecord record,
            service.export_person(*request.actor, id_of(request),
                                  request.body_json["reason"].get<std::string>()));
        Json out = detail_json(org, record.detail, request.locale);
        out["person"]["name"] = record.name;
        out["person"]["idNumber"] = record.id_number;
        out["person"]["phone"] = record.phone;
        for (std::size_t i = 0; i < record.addresses.size(); ++i) {
          out["history"][i]["household"]["address"] = record.addresses[i];
        }
        if (out["household"].is_object() && !record.addresses.empty()) {
          for (std::size_t i = 0; i < record.detail.history.size(); ++i) {
            if (!record.detail.history[i].value.moved_out) {
              out["household"]["address"] = record.addresses[i];
            }
          }
        }
        return Response::json(200, out);
      },
      .contract = {.path = id_path(),
                   .body = object({{"reason", text(kMaxReason).min_length(0)}}),
                   .replies = {{.json = person_detail_schema().describe(
                                    "in clear: name, ID number, phone and addresses")}}},
  });
}

}  // namespace shequ::residents
