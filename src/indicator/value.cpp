#include "indicator/value.hpp"

namespace shequ::indicator {

Json to_json(const EnteredValue& v) {
  Json out{{"indicator", v.key.indicator},
           {"unitCode", v.key.unit_code},
           {"period", v.key.period},
           {"numerator", v.numerator},
           {"state", v.state},
           {"enteredAt", v.entered_at},
           {"enteredBy", v.entered_by},
           {"version", v.version}};
  out["denominator"] = v.denominator ? Json(*v.denominator) : Json(nullptr);
  out["approvedAt"] = v.approved_at ? Json(*v.approved_at) : Json(nullptr);
  out["approvedBy"] = v.approved_by ? Json(*v.approved_by) : Json(nullptr);
  return out;
}

Json to_json(const ValueChange& c) {
  Json out{{"id", c.id},
           {"action", c.action},
           {"changedAt", c.changed_at},
           {"username", c.username},
           {"before", c.before},
           {"after", c.after}};
  out["userId"] = c.user_id ? Json(*c.user_id) : Json(nullptr);
  return out;
}

}  // namespace shequ::indicator
