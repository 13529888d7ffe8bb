#include "volunteer/routes.hpp"

#include "org/unit_json.hpp"
#include "volunteer/declaration.hpp"

namespace shequ::volunteer {

namespace {

using http::Request;
using http::Response;

// A time as the API takes it: format_timestamp text, UTC ("2026-12-05T01:00:00.000Z"), what a
// browser's Date.toISOString() writes.
http::Schema instant() {
  static const http::Format format{
      "date-time", "a UTC time with milliseconds, as 2026-12-05T01:00:00.000Z",
      Json("2026-12-05T01:00:00.000Z"), [](std::string_view value, const std::string& field) {
        if (parse_timestamp(value)) return Status{};
        return Status(Error::invalid(field, {"时间格式应为 2026-12-05T01:00:00.000Z",
                                             "must be as 2026-12-05T01:00:00.000Z"}));
      }};
  return http::schema::formatted(format).max_length(24);
}

std::vector<http::Property> id_path() {
  return {{"id", http::schema::integer(1, http::schema::kMaxInt)}};
}

int64_t id_of(const Request& request) {
  return request.path_json["id"].get<int64_t>();
}

Direction direction_of(const Json& value) {
  return value.get<std::string>() == "out" ? Direction::out : Direction::in;
}

const http::Schema& volunteer_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Volunteer",
      object({{"id", integer(1, kMaxInt)},
              {"unit", org::unit_ref_schema().describe("the village or community")},
              {"name", string().describe("masked: 张*三")},
              {"phone", string().describe("masked: 138****5678; \"\" when none")},
              {"skills", string()},
              {"state", enum_of({"applied", "approved", "refused"})},
              {"stateReason", string().describe("why an application was refused")},
              {"hasAccount", boolean().describe("applied from the resident pages")},
              {"minutes", integer(0, kMaxInt).describe("confirmed, corrections included")},
              {"createdAt", string()},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

Json volunteer_json(const org::OrgService& org, const Volunteer& v) {
  return {{"id", v.id},
          {"unit", org::unit_ref_json(org, v.unit_code)},
          {"name", v.name},
          {"phone", v.phone},
          {"skills", v.skills},
          {"state", std::string(state_key(v.state))},
          {"stateReason", v.state_reason},
          {"hasAccount", v.user_id.has_value()},
          {"minutes", v.minutes},
          {"createdAt", v.created_at},
          {"version", v.version}};
}

const http::Schema& activity_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "VolunteerActivity",
      object(
          {{"id", integer(1, kMaxInt)},
           {"unit", org::unit_ref_schema()},
           {"title", string()},
           {"place", string()},
           {"startsAt", string()},
           {"endsAt", string()},
           {"capacity", integer(1, kMaxCapacity)},
           {"skills", string()},
           {"state", enum_of({"published", "ended"})},
           {"signedUp", integer(0, kMaxInt).describe("places taken")},
           {"waiting", integer(0, kMaxInt)},
           {"organiserId", integer(1, kMaxInt)
                               .nullable()
                               .describe("the account that published it; null: a machine client")},
           {"organisation",
            object({{"id", integer(1, kMaxInt)}, {"name", string()}})
                .nullable()
                .describe("the social organisation or team running it; null: the unit's own")},
           {"version", integer(1, kMaxInt)}}));
  return schema;
}

Json activity_json(const org::OrgService& org, const Activity& a) {
  return {{"id", a.id},
          {"unit", org::unit_ref_json(org, a.unit_code)},
          {"title", a.title},
          {"place", a.place},
          {"startsAt", a.starts_at},
          {"endsAt", a.ends_at},
          {"capacity", a.capacity},
          {"skills", a.skills},
          {"state", a.state == ActivityState::ended ? "ended" : "published"},
          {"signedUp", a.signed_up},
          {"waiting", a.waiting},
          {"organiserId", a.organiser_id != 0 ? Json(a.organiser_id) : Json(nullptr)},
          {"organisation", a.organisation_id
                               ? Json{{"id", *a.organisation_id}, {"name", a.organisation_name}}
                               : Json(nullptr)},
          {"version", a.version}};
}

const http::Schema& signup_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "VolunteerSignup",
      object({{"activityId", integer(1, kMaxInt)},
              {"volunteerId", integer(1, kMaxInt)},
              {"volunteerName", string().describe("masked")},
              {"state", enum_of({"signed_up", "waiting", "cancelled"})},
              {"signedUpAt", string()},
              {"checkedInAt", string().nullable()},
              {"checkedOutAt", string().nullable()},
              {"byOrganiser", boolean().describe("checked in or out by the organiser")}}));
  return schema;
}

Json signup_json(const Signup& s) {
  return {{"activityId", s.activity_id},
          {"volunteerId", s.volunteer_id},
          {"volunteerName", s.volunteer_name},
          {"state", std::string(signup_key(s.state))},
          {"signedUpAt", s.signed_up_at},
          {"checkedInAt", s.checked_in_at ? Json(*s.checked_in_at) : Json(nullptr)},
          {"checkedOutAt", s.checked_out_at ? Json(*s.checked_out_at) : Json(nullptr)},
          {"byOrganiser", s.by_organiser}};
}

const http::Schema& hour_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "VolunteerHourEntry",
      object({{"seq", integer(1, kMaxInt).describe("the entry's place in the chained record")},
              {"volunteerId", integer(1, kMaxInt)},
              {"activityId", integer(1, kMaxInt)},
              {"unit", org::unit_ref_schema()},
              {"servedOn", date()},
              {"minutes", integer().describe("a correction's may be negative")},
              {"corrects", integer(1, kMaxInt).nullable()},
              {"reason", string()},
              {"recordedAt", string()},
              {"mac", string().describe("the chain's MAC of the entry (64 hex digits)")}}));
  return schema;
}

Json hour_json(const org::OrgService& org, const HourEntry& e) {
  return {{"seq", e.seq},
          {"volunteerId", e.volunteer_id},
          {"activityId", e.activity_id},
          {"unit", org::unit_ref_json(org, e.unit_code)},
          {"servedOn", e.served_on},
          {"minutes", e.minutes},
          {"corrects", e.corrects ? Json(*e.corrects) : Json(nullptr)},
          {"reason", e.reason},
          {"recordedAt", e.recorded_at},
          {"mac", e.mac}};
}

http::Schema volunteer_input() {
  using namespace http::schema;
  return object({{"name", text(30)},
                 {"phone", mobile().optional().describe("none: no phone")},
                 {"skills", text(200).default_to("")}});
}

VolunteerInput volunteer_input_of(const Json& body) {
  return {body["name"].get<std::string>(), body.value("phone", std::string()),
          body["skills"].get<std::string>()};
}

Json hours_page(const org::OrgService& org, const std::vector<HourEntry>& entries) {
  Json items = Json::array();
  for (const HourEntry& e : entries) items.push_back(hour_json(org, e));
  const auto total = static_cast<int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", total}};
}

constexpr std::string_view kPdfMediaType = "application/pdf";
// A certificate is a page or two; a file this large is no certificate of ours.
constexpr std::size_t kMaxCertificateBytes = 4 * 1024 * 1024;

Response certificate_file(IssuedCertificate certificate) {
  return Response::attachment(std::move(certificate.pdf), std::string(kPdfMediaType),
                              "certificate-" + certificate.number + ".pdf",
                              "志愿服务记录证明-" + certificate.number + ".pdf");
}

const http::Schema& verification_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "CertificateVerification",
      object({{"genuine", boolean()},
              {"reason", enum_of({"altered", "unknown_key", "retired_key"})
                             .nullable()
                             .describe("why it is not genuine; null when it is")},
              {"message", string().nullable().describe("the reason in the caller's language")},
              {"certificate", object({{"number", string()},
                                      {"volunteer", string().describe("masked: 张*三")},
                                      {"phoneTail", string().nullable()},
                                      {"unit", string()},
                                      {"unitPath", string()},
                                      {"minutes", integer()},
                                      {"entries", integer()},
                                      {"firstDay", string()},
                                      {"lastDay", string()},
                                      {"seqFrom", integer()},
                                      {"seqTo", integer()},
                                      {"chainMac", string()},
                                      {"issuedAt", string()}})
                                  .nullable()
                                  .describe("what the certificate states, only when genuine")},
              {"key",
               object({{"id", integer()}, {"since", string()}, {"retired", string().nullable()}})
                   .nullable()
                   .describe("the certificate key it names, when published")}}));
  return schema;
}

Text verdict_message(Verdict verdict) {
  switch (verdict) {
    case Verdict::genuine:
      return {"证明真实，内容未被改动", "the certificate is genuine and unaltered"};
    case Verdict::altered:
      return {"证明内容已被改动或签名不符，不是真实有效的证明",
              "the certificate was altered or its signature does not hold: it is not genuine"};
    case Verdict::unknown_key:
      return {"证明所用的签名密钥不是本系统公布的密钥",
              "the certificate names a signing key this system never published"};
    case Verdict::retired_key:
      return {"证明签发时其签名密钥已停用，不是真实有效的证明",
              "the certificate was issued after its signing key was retired: it is not genuine"};
  }
  return {};
}

Json verification_json(const Verification& v, Locale locale) {
  const bool genuine = v.verdict == Verdict::genuine;
  Json certificate = nullptr;
  if (genuine && v.statement) {
    certificate = to_json(*v.statement);
    certificate.erase("kind");
    certificate.erase("v");
    certificate.erase("key");
  }
  Json key = nullptr;
  if (v.key) {
    key = {{"id", v.key->id},
           {"since", v.key->since},
           {"retired", v.key->retired ? Json(*v.key->retired) : Json(nullptr)}};
  }
  const Text message = verdict_message(v.verdict);
  return {{"genuine", genuine},
          {"reason", genuine ? Json(nullptr) : Json(verdict_code(v.verdict))},
          {"message", locale == Locale::en ? message.en : message.zh},
          {"certificate", certificate},
          {"key", key}};
}

void add_certificate_routes(http::Router& router, const CertificateService& certificates) {
  using namespace http::schema;
  const auto pdf_reply = [] {
    return http::Reply{.media_type = std::string(kPdfMediaType),
                       .description = "the certificate (志愿服务记录证明), signed"};
  };
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/me/certificate",
      .permission = std::string(kSelfJoin),
      .summary = "A certificate of the caller's confirmed hours (PDF), signed and verifiable by "
                 "anyone",
      .tag = "volunteer",
      .handler = [&certificates](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto certificate, certificates.mine(*request.actor));
        return certificate_file(std::move(certificate));
      },
      .contract = {.replies = {pdf_reply()}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/volunteers/{id}/certificate",
      .permission = std::string(kHoursRead),
      .summary = "A certificate of a volunteer's confirmed hours (PDF), for the staff of their "
                 "unit to print for one without a phone",
      .tag = "volunteer",
      .handler = [&certificates](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto certificate,
                               certificates.of_volunteer(*request.actor, id_of(request)));
        return certificate_file(std::move(certificate));
      },
      .contract = {.path = id_path(), .replies = {pdf_reply()}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/public/certificates/verify",
      .permission = std::string(http::kPublic),
      .summary = "Anyone checks a certificate by the payload of its QR code's link (what follows "
                 "#): genuine, or why not; shows only what the certificate states",
      .tag = "volunteer",
      .handler = [&certificates](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto checked, certificates.verify_payload(
                                                 request.body_json["payload"].get<std::string>()));
        return Response::json(200, verification_json(checked, request.locale));
      },
      .contract = {.body = object({{"payload", text(4000)}}),
                   .replies = {{.json = verification_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/public/certificates/verify-file",
      .permission = std::string(http::kPublic),
      .summary = "Anyone checks a certificate's PDF file: every byte of it is signed",
      .tag = "volunteer",
      .handler = [&certificates](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto checked, certificates.verify_document(request.body));
        return Response::json(200, verification_json(checked, request.locale));
      },
      .contract = {.upload = http::Upload{.media_types = {std::string(kPdfMediaType),
                                                          "application/octet-stream"},
                                          .max_bytes = kMaxCertificateBytes,
                                          .description = "the certificate's PDF as downloaded"},
                   .replies = {{.json = verification_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/.well-known/shequ-certificate-keys.json",
      .permission = std::string(http::kPublic),
      .summary = "Every key that ever signed certificates, with when it was retired: what "
                 "anyone checks a certificate with, offline too",
      .tag = "volunteer",
      .handler = [&certificates](const Request&) -> Result<Response> {
        return Response::json(200, published_keys_json(certificates.keys()));
      },
      .execution = http::Execution::io,
      .contract = {.replies = {{.json =
                                    object({{"algorithm", enum_of({"Ed25519"})},
                                            {"keys", array(object({{"id", integer()},
                                                                   {"publicKey", string()},
                                                                   {"since", string()},
                                                                   {"retired",
                                                                    string().nullable()}}))}})}}},
  });
}

constexpr std::initializer_list<const char*> kKinds{"social_group", "private_non_enterprise",
                                                    "foundation", "community_organisation",
                                                    "volunteer_team"};

const http::Schema& organisation_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "VolunteerOrganisation",
      object({{"id", integer(1, kMaxInt)},
              {"name", string()},
              {"kind", enum_of({kKinds.begin(), kKinds.end()})},
              {"creditCode", string().describe("统一社会信用代码; \"\" when it has none")},
              {"area", org::unit_ref_schema().describe("the county, township, village or "
                                                       "community it serves")},
              {"contactName", string().describe("masked: 张*三")},
              {"contactPhone", string().describe("masked when a mobile; an office line as is")},
              {"services", string()},
              {"members", integer(0, kMaxInt).describe("current members")},
              {"createdAt", string()},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

Json organisation_json(const org::OrgService& org, const Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"kind", kind_key(o.kind)},
          {"creditCode", o.credit_code},
          {"area", org::unit_ref_json(org, o.area_code)},
          {"contactName", o.contact_name},
          {"contactPhone", o.contact_phone},
          {"services", o.services},
          {"members", o.members},
          {"createdAt", o.created_at},
          {"version", o.version}};
}

const http::Schema& membership_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("VolunteerMembership",
                object({{"volunteerId", integer(1, kMaxInt)},
                        {"volunteerName", string().describe("masked")},
                        {"role", enum_of({"leader", "member"})},
                        {"joinedOn", string()},
                        {"leftOn", string().nullable().describe("null: still a member")}}));
  return schema;
}

Json membership_json(const Membership& m) {
  return {{"volunteerId", m.volunteer_id},
          {"volunteerName", m.volunteer_name},
          {"role", m.role == MemberRole::leader ? "leader" : "member"},
          {"joinedOn", m.joined_on},
          {"leftOn", m.left_on ? Json(*m.left_on) : Json(nullptr)}};
}

void add_organisation_routes(http::Router& router, const OrganisationService& organisations,
                             const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/organisations",
      .permission = std::string(kHoursRead),
      .summary = "Social organisations and volunteer teams whose area is in scope, newest first",
      .tag = "volunteer",
      .handler = [&organisations, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        const auto kind = http::field<std::string>(q, "kind");
        SHEQU_ASSIGN_OR_RETURN(
            auto page,
            organisations.organisations(*request.actor, http::field<std::string>(q, "unit"),
                                        kind ? parse_organisation_kind(*kind) : std::nullopt,
                                        {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
        Json items = Json::array();
        for (const Organisation& o : page.items) items.push_back(organisation_json(org, o));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract =
          {.query =
               [] {
                 auto query = paging();
                 query.push_back({"unit", unit_code().optional().describe(
                                              "a subtree (default: the caller's scope)")});
                 query.push_back({"kind", enum_of({kKinds.begin(), kKinds.end()}).optional()});
                 return query;
               }(),
           .replies = {{.json = page_of(organisation_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/organisations",
      .permission = std::string(kRosterManage),
      .summary = "Register a social organisation or volunteer team of an area; every field's "
                 "problem at once",
      .tag = "volunteer",
      .handler = [&organisations, &org](const Request& request) -> Result<Response> {
        const Json& b = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Organisation o,
            organisations.register_organisation(
                *request.actor, {.name = b["name"].get<std::string>(),
                                 .kind = *parse_organisation_kind(b["kind"].get<std::string>()),
                                 .credit_code = b["creditCode"].get<std::string>(),
                                 .area_code = b["area"].get<std::string>(),
                                 .contact_name = b["contactName"].get<std::string>(),
                                 .contact_phone = b["contactPhone"].get<std::string>(),
                                 .services = b["services"].get<std::string>()}));
        return Response::json(201, organisation_json(org, o));
      },
      .contract = {.body = object({{"name", text(60)},
                                   {"kind", enum_of({kKinds.begin(), kKinds.end()})},
                                   {"creditCode", text(18).default_to("").describe(
                                                      "统一社会信用代码 (GB 32100)")},
                                   {"area", unit_code()},
                                   {"contactName", text(30)},
                                   {"contactPhone", text(30)},
                                   {"services", text(200).default_to("")}}),
                   .replies = {{.status = 201, .json = organisation_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/organisations/{id}",
      .permission = std::string(kHoursRead),
      .summary = "An organisation with its members past and present, names masked",
      .tag = "volunteer",
      .handler = [&organisations, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto detail,
                               organisations.organisation(*request.actor, id_of(request)));
        Json members = Json::array();
        for (const Membership& m : detail.members) members.push_back(membership_json(m));
        return Response::json(200, {{"organisation", organisation_json(org, detail.organisation)},
                                    {"members", std::move(members)}});
      },
      .contract = {.path = id_path(),
                   .replies = {{.json = object({{"organisation", organisation_schema()},
                                                {"members", array(membership_schema())}})}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/organisations/{id}/members",
      .permission = std::string(kRosterManage),
      .summary = "An approved volunteer of the organisation's area joins it",
      .tag = "volunteer",
      .handler = [&organisations](const Request& request) -> Result<Response> {
        const Json& b = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(Membership m,
                               organisations.add_member(
                                   *request.actor, id_of(request), b["volunteer"].get<int64_t>(),
                                   b["role"].get<std::string>() == "leader" ? MemberRole::leader
                                                                            : MemberRole::member));
        return Response::json(201, membership_json(m));
      },
      .contract = {.path = id_path(),
                   .body = object({{"volunteer", integer(1, kMaxInt)},
                                   {"role", enum_of({"leader", "member"}).default_to("member")}}),
                   .replies = {{.status = 201, .json = membership_schema()}}},
  });
  router.add({
      .method = "DELETE",
      .pattern = "/api/v1/volunteer/organisations/{id}/members/{volunteer}",
      .permission = std::string(kRosterManage),
      .summary = "A member leaves the organisation today; the membership stays on record",
      .tag = "volunteer",
      .handler = [&organisations](const Request& request) -> Result<Response> {
        SHEQU_TRY(organisations.remove_member(*request.actor, id_of(request),
                                              request.path_json["volunteer"].get<int64_t>()));
        return Response::no_content();
      },
      .contract = {.path = {{"id", integer(1, kMaxInt)}, {"volunteer", integer(1, kMaxInt)}},
                   .replies = {{.status = 204}}},
  });
}

}  // namespace

void add_routes(http::Router& router, const VolunteerService& service,
                const CertificateService& certificates, const OrganisationService& organisations,
                const org::OrgService& org) {
  add_certificate_routes(router, certificates);
  add_organisation_routes(router, organisations, org);
  using namespace http::schema;
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/me",
      .permission = std::string(kSelfJoin),
      .summary = "A resident applies to volunteer in their village or community",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            Volunteer v, service.apply(*request.actor, volunteer_input_of(request.body_json)));
        return Response::json(201, volunteer_json(org, v));
      },
      .contract = {.body = volunteer_input(),
                   .replies = {{.status = 201, .json = volunteer_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/me",
      .permission = std::string(kSelfJoin),
      .summary = "The caller's own volunteer record; null when they never applied",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto mine, service.mine(*request.actor));
        return Response::json(200,
                              {{"volunteer", mine ? volunteer_json(org, *mine) : Json(nullptr)}});
      },
      .contract = {.replies = {{.json = object({{"volunteer", volunteer_schema().nullable()}})}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/volunteers",
      .permission = std::string(kHoursRead),
      .summary = "Volunteers of the villages and communities in scope, newest first, masked",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        const auto state = http::field<std::string>(q, "state");
        SHEQU_ASSIGN_OR_RETURN(
            auto page,
            service.volunteers(*request.actor, http::field<std::string>(q, "unit"),
                               state ? parse_volunteer_state(*state) : std::nullopt,
                               {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
        Json items = Json::array();
        for (const Volunteer& v : page.items) items.push_back(volunteer_json(org, v));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract =
          {.query =
               [] {
                 auto query = paging();
                 query.push_back({"unit", unit_code().optional().describe(
                                              "a subtree (default: the caller's scope)")});
                 query.push_back({"state", enum_of({"applied", "approved", "refused"}).optional()});
                 return query;
               }(),
           .replies = {{.json = page_of(volunteer_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/volunteers",
      .permission = std::string(kRosterManage),
      .summary = "Staff register a volunteer without a phone or account: approved at once",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Volunteer v, service.register_volunteer(*request.actor, body["unit"].get<std::string>(),
                                                    volunteer_input_of(body)));
        return Response::json(201, volunteer_json(org, v));
      },
      .contract = {.body = object({{"unit", unit_code()},
                                   {"name", text(30)},
                                   {"phone", mobile().optional()},
                                   {"skills", text(200).default_to("")}}),
                   .replies = {{.status = 201, .json = volunteer_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/volunteers/{id}/decision",
      .permission = std::string(kRosterManage),
      .summary = "Approve or refuse an application (a refusal says why)",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Volunteer v,
            service.decide(*request.actor, id_of(request), body["approve"].get<bool>(),
                           body["reason"].get<std::string>(), body["version"].get<int64_t>()));
        return Response::json(200, volunteer_json(org, v));
      },
      .contract = {.path = id_path(),
                   .body = object({{"approve", boolean()},
                                   {"reason", text(200).default_to("")},
                                   {"version", integer(1, kMaxInt)}}),
                   .replies = {{.json = volunteer_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/volunteers/{id}/hours",
      .permission = std::string(kHoursRead),
      .summary = "A volunteer's entries of the hour record, in order, for the staff of their unit",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto entries, service.hours(*request.actor, id_of(request)));
        return Response::json(200, hours_page(org, entries));
      },
      .contract = {.path = id_path(), .replies = {{.json = page_of(hour_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/hours/{seq}/corrections",
      .permission = std::string(kActivityManage),
      .summary = "An organiser corrects an entry of the hour record: a new entry naming it, with "
                 "the difference of minutes and the reason (the entry itself never changes)",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            HourEntry entry,
            service.correct(*request.actor, request.path_json["seq"].get<int64_t>(),
                            body["minutes"].get<int64_t>(), body["reason"].get<std::string>()));
        return Response::json(201, hour_json(org, entry));
      },
      .contract = {.path = {{"seq", integer(1, kMaxInt)}},
                   .body = object({{"minutes", integer(-kMinutesPerDay, kMinutesPerDay)
                                                   .describe("the difference: negative removes")},
                                   {"reason", text(200)}}),
                   .replies = {{.status = 201, .json = hour_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/me/hours",
      .permission = std::string(kSelfJoin),
      .summary = "The caller's own entries of the hour record, in order",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto entries, service.my_hours(*request.actor));
        return Response::json(200, hours_page(org, entries));
      },
      .contract = {.replies = {{.json = page_of(hour_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/activities",
      .permission = std::string(kActivityManage),
      .summary = "Publish an activity of a township, village or community; the caller organises it",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Activity a,
            service.publish(
                *request.actor,
                {body["unit"].get<std::string>(), body["title"].get<std::string>(),
                 body["place"].get<std::string>(), body["startsAt"].get<std::string>(),
                 body["endsAt"].get<std::string>(), body["capacity"].get<int64_t>(),
                 body["skills"].get<std::string>(), http::field<int64_t>(body, "organisation")}));
        return Response::json(201, activity_json(org, a));
      },
      .contract = {.body =
                       object({{"unit", unit_code()},
                               {"title", text(60)},
                               {"place", text(100)},
                               {"startsAt", instant()},
                               {"endsAt", instant()},
                               {"capacity", integer(1, kMaxCapacity)},
                               {"skills", text(200).default_to("")},
                               {"organisation", integer(1, kMaxInt)
                                                    .optional()
                                                    .describe("a social organisation or team whose "
                                                              "area holds the unit runs it")}}),
                   .replies = {{.status = 201, .json = activity_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/activities",
      .permission = std::string(kHoursRead),
      .summary = "Activities of the caller's scope or of a unit's subtree, newest start first, at "
                 "most 200",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            auto found, service.activities(*request.actor,
                                           http::field<std::string>(request.query_json, "unit")));
        Json items = Json::array();
        for (const Activity& a : found) items.push_back(activity_json(org, a));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.query = {{"unit", unit_code().optional().describe(
                                          "a subtree (default: the caller's scope)")}},
                   .replies = {{.json = page_of(activity_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/activities/{id}",
      .permission = std::string(kHoursRead),
      .summary = "An activity with every sign-up, names masked",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto detail, service.activity(*request.actor, id_of(request)));
        Json signups = Json::array();
        for (const Signup& s : detail.signups) signups.push_back(signup_json(s));
        return Response::json(
            200, {{"activity", activity_json(org, detail.activity)}, {"signups", signups}});
      },
      .contract = {.path = id_path(),
                   .replies = {{.json = object({{"activity", activity_schema()},
                                                {"signups", array(signup_schema())}})}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/me/activities",
      .permission = std::string(kSelfJoin),
      .summary = "Activities a resident may join (their community's and those of the units above "
                 "it), each with their own sign-up; newest start first, at most 200",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto found, service.open_to_me(*request.actor));
        Json items = Json::array();
        for (const ActivityDetail& d : found) {
          items.push_back(
              {{"activity", activity_json(org, d.activity)},
               {"mine", d.signups.empty() ? Json(nullptr) : signup_json(d.signups.front())}});
        }
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.replies = {{.json = page_of(
                                    component("VolunteerActivityOpen",
                                              object({{"activity", activity_schema()},
                                                      {"mine", signup_schema().nullable()}})))}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/me/activities/{id}/signup",
      .permission = std::string(kSelfJoin),
      .summary = "Take a place in an activity, or join its waiting list when it is full",
      .tag = "volunteer",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(Signup s, service.sign_up(*request.actor, id_of(request)));
        return Response::json(201, signup_json(s));
      },
      .contract = {.path = id_path(), .replies = {{.status = 201, .json = signup_schema()}}},
  });
  router.add({
      .method = "DELETE",
      .pattern = "/api/v1/volunteer/me/activities/{id}/signup",
      .permission = std::string(kSelfJoin),
      .summary = "Give a place up before the activity begins; the first volunteer waiting takes it",
      .tag = "volunteer",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_TRY(service.cancel(*request.actor, id_of(request)));
        return Response::no_content();
      },
      .contract = {.path = id_path(), .replies = {{.status = 204}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/volunteer/activities/{id}/code",
      .permission = std::string(kActivityManage),
      .summary = "An organiser's check-in or check-out code for the screen at the activity: "
                 "valid for 30 seconds and the 30 after",
      .tag = "volunteer",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(CheckCode c,
                               service.code(*request.actor, id_of(request),
                                            direction_of(request.query_json["direction"])));
        return Response::json(200, {{"code", c.code}, {"expiresAt", c.expires_at}});
      },
      .contract = {.path = id_path(),
                   .query = {{"direction", enum_of({"in", "out"})}},
                   .replies = {{.json = object({{"code", string()}, {"expiresAt", string()}})}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/me/activities/{id}/check",
      .permission = std::string(kSelfJoin),
      .summary = "A volunteer checks in or out on their phone with the code shown at the activity",
      .tag = "volunteer",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Signup s, service.check(*request.actor, id_of(request), direction_of(body["direction"]),
                                    body["code"].get<std::string>()));
        return Response::json(200, signup_json(s));
      },
      .contract = {.path = id_path(),
                   .body = object({{"direction", enum_of({"in", "out"})}, {"code", text(80)}}),
                   .replies = {{.json = signup_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/activities/{id}/check-by-hand",
      .permission = std::string(kActivityManage),
      .summary = "An organiser checks in or out a volunteer without a phone, at the time given",
      .tag = "volunteer",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Signup s,
            service.check_by_hand(*request.actor, id_of(request), body["volunteer"].get<int64_t>(),
                                  direction_of(body["direction"]), body["at"].get<std::string>()));
        return Response::json(200, signup_json(s));
      },
      .contract = {.path = id_path(),
                   .body = object({{"volunteer", integer(1, kMaxInt)},
                                   {"direction", enum_of({"in", "out"})},
                                   {"at", instant()}}),
                   .replies = {{.json = signup_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/volunteer/activities/{id}/confirm",
      .permission = std::string(kActivityManage),
      .summary = "An organiser confirms an activity that has ended: each volunteer checked in "
                 "and out gets their minutes in the chained hour record",
      .tag = "volunteer",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto entries, service.confirm(*request.actor, id_of(request)));
        return Response::json(200, hours_page(org, entries));
      },
      .contract = {.path = id_path(), .replies = {{.json = page_of(hour_schema())}}},
  });
}

}  // namespace shequ::volunteer
