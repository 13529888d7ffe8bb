#include "report/module.hpp"

#include "app/app.hpp"
#include "report/commands.hpp"
#include "report/declaration.hpp"
#include "report/evaluation.hpp"
#include "report/routes.hpp"
#include "surveys/survey_service.hpp"

namespace shequ::report {

namespace {

// The year's surveys over the unit, from the surveys module when there is one (it is set up
// after this one: looked up when a report is made).
Result<std::vector<SatisfactionLine>> satisfaction(app::Services& services, const Actor& actor,
                                                   const std::string& unit, int year) {
  std::vector<SatisfactionLine> out;
  const auto* surveys = services.find_service<surveys::SurveyService>();
  if (!surveys) return out;
  SHEQU_ASSIGN_OR_RETURN(const auto results, surveys->year_results(actor, unit, year));
  for (const surveys::Results& r : results) {
    SatisfactionLine line{r.survey.survey.title, r.survey.unit_name, r.eligible, r.responses, {}};
    for (const surveys::QuestionResult& q : r.questions) {
      if (!q.rating) continue;
      const auto& interval = q.rating->interval;
      line.ratings.push_back({q.question.title, q.rating->n, q.rating->mean,
                              interval ? std::optional(interval->low) : std::nullopt,
                              interval ? std::optional(interval->high) : std::nullopt});
    }
    out.push_back(std::move(line));
  }
  return out;
}

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : service_(services.org(), services.service<indicator::IndicatorService>(),
                 services.database(), services.audit(), services.clock(),
                 [&services](const Actor& actor, const std::string& unit, int year) {
                   return satisfaction(services, actor, unit, year);
                 }) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    report::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(EvaluationService) ? &service_ : nullptr;
  }

 private:
  EvaluationService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      add_commands};
  return entry;
}

}  // namespace shequ::report
