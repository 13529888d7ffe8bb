#include "inbox/routes.hpp"

#include "http/contract.hpp"
#include "inbox/declaration.hpp"

namespace shequ::inbox {

namespace {

using http::Request;
using http::Response;

const http::Schema& message_schema() {
  using namespace http::schema;
  static const http::Schema message =
      component("InboxMessage",
                object({{"id", integer(1, kMaxInt)},
                        {"kind", string().describe("declared by the module that left it, e.g. "
                                                   "residents.visits.reminder")},
                        {"title", string().describe("in the language asked for")},
                        {"body", string().describe("in the language asked for")},
                        {"link", string().describe("a console path to follow, or \"\" for none")},
                        {"createdAt", string()},
                        {"readAt", string().nullable().describe("none: unread")}}));
  return message;
}

Json message_json(const Message& m, Locale locale) {
  return {{"id", m.id},
          {"kind", m.kind},
          {"title", m.title.in(locale)},
          {"body", m.body.in(locale)},
          {"link", m.link},
          {"createdAt", m.created_at},
          {"readAt", m.read_at ? Json(*m.read_at) : Json()}};
}

}  // namespace

void add_routes(http::Router& router, const InboxService& service) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back(
      {"unread", boolean().optional().describe("true: only the messages not read yet")});
  router.add({.method = "GET",
              .pattern = "/api/v1/inbox",
              .permission = std::string(kMessageRead),
              .summary = "The caller's own messages, newest first, with how many are unread",
              .tag = "inbox",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                const int64_t limit = q["pageSize"].get<int64_t>();
                const bool unread_only = q.contains("unread") && q["unread"].get<bool>();
                SHEQU_ASSIGN_OR_RETURN(MessagePage page,
                                       service.list(*request.actor, unread_only, limit,
                                                    (q["page"].get<int64_t>() - 1) * limit));
                Json items = Json::array();
                for (const Message& m : page.items)
                  items.push_back(message_json(m, request.locale));
                return Response::json(
                    200,
                    {{"items", std::move(items)}, {"total", page.total}, {"unread", page.unread}});
              },
              .contract = {.query = list_query,
                           .replies = {{.json = object({{"items", array(message_schema())},
                                                        {"total", integer(0, kMaxInt)},
                                                        {"unread", integer(0, kMaxInt)}})}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/inbox/{id}/read",
              .permission = std::string(kMessageRead),
              .summary = "Marks one of the caller's messages read (again: no change)",
              .tag = "inbox",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const Message m,
                    service.mark_read(*request.actor, request.path_json["id"].get<int64_t>()));
                return Response::json(200, message_json(m, request.locale));
              },
              .contract = {.path = {{"id", integer(1, kMaxInt)}},
                           .replies = {{.json = message_schema()}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/inbox/read",
              .permission = std::string(kMessageRead),
              .summary = "Marks every unread message of the caller read",
              .tag = "inbox",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const int64_t read, service.mark_all_read(*request.actor));
                return Response::json(200, {{"read", read}});
              },
              .contract = {.replies = {{.json = object({{"read", integer(0, kMaxInt)}})}}}});
}

}  // namespace shequ::inbox
