// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) over the requests module, with
// mySociety's service request updates: how apps, kiosks and the 12345 hotline platform submit and
// follow requests with an API key. Every resource answers in XML (".xml") and JSON (".json"):
//
//   GET  /open311/v2/discovery               public
//   GET  /open311/v2/services                public: the catalogue's active leaves
//   GET  /open311/v2/services/{code}         public: a leaf's questions as attributes
//   POST /open311/v2/requests                api_key (requests:case:intake), form-encoded
//   GET  /open311/v2/requests                api_key (requests:case:read): the spec's filters,
//                                            90 days and 1000 records at most; audited
//   GET  /open311/v2/requests/{id}           api_key (requests:case:read)
//   GET  /open311/v2/tokens/{token}          api_key: the token is the case's tracking code
//   GET  /open311/v2/servicerequestupdates   api_key: the steps of a period; audited
//
// The key acts as its own unit's staff: it reads the cases of that unit's subtree, and a request
// it submits falls in the village, community or grid `unit_code` names (an extension), or else
// in the key's own unit when that is one. `external_id` (an extension) keeps the sending
// platform's own case number: sending it again answers the case already registered, so a client
// may retry. Refusals are the spec's errors ([{code, description}], <errors>), with 403 for a
// missing or unknown api_key; docs/requests.md describes the mapping of states and fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/json.hpp"
#include "http/router.hpp"
#include "org/org_service.hpp"
#include "requests/request_service.hpp"

namespace shequ::requests::open311 {

// `value` as the spec's XML document under <root>: the declaration first; object fields as
// elements in order; an array's items as elements named for the array (services → service,
// service_requests → request, attributes → attribute, values → value, errors → error, endpoints
// → endpoint, formats → format, service_request_updates and service_requests_updates →
// request_update; "item" otherwise); null as an empty element; text escaped. Pure.
std::string to_xml(std::string_view root, const Json& value);

// A W3C datetime with its zone ("2026-11-30T09:00:00+08:00", "2026-11-30T01:00:00Z", fractional
// seconds allowed) as an instant; nullopt for anything else, a date without a zone included.
std::optional<TimePoint> parse_w3c(std::string_view text);
// A stored timestamp in China time as the spec writes datetimes ("2026-11-30T09:00:00+08:00").
std::string w3c_china(TimePoint t);

// The spec's status of a case: open until it is resolved.
std::string_view status_of(State state);

// Adds the routes above. `service`, `org` and `clock` (the lists' default periods) must outlive
// the router.
void add_routes(http::Router& router, const RequestService& service, const org::OrgService& org,
                const Clock& clock);

}  // namespace shequ::requests::open311
