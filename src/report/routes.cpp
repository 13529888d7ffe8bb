#include "report/routes.hpp"

#include "report/declaration.hpp"

namespace shequ::report {

namespace {

using http::Request;
using http::Response;

void add_evaluation(http::Router& router, const EvaluationService& service, ReportFormat format) {
  const bool pdf = format == ReportFormat::pdf;
  using namespace http::schema;
  router.add({
      .method = "GET",
      .pattern = pdf ? "/api/v1/reports/evaluation.pdf" : "/api/v1/reports/evaluation.xlsx",
      .permission = std::string(kEvaluationExport),
      .summary = pdf ? "The plan's evaluation report of a unit and year, for printing (PDF)"
                     : "The plan's evaluation report of a unit and year as an Excel workbook: "
                       "the plan's table, then one sheet per indicator by child unit",
      .tag = "report",
      .handler = [&service, format](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(ReportFile file, service.export_evaluation(
                                                    *request.actor, q["unit"].get<std::string>(),
                                                    q["year"].get<int>(), format, request.locale));
        return Response::attachment(std::move(file.bytes), std::move(file.media_type),
                                    file.ascii_name, file.name);
      },
      .contract = {.query = {{"unit", unit_code()},
                             {"year", integer(EvaluationService::kFirstYear, 2035)
                                          .describe("from 2020 to the current year")}},
                   .replies = {{.media_type = std::string(pdf ? kPdfMediaType : kXlsxMediaType),
                                .description = "the report (规划指标评估报告)"}}},
  });
}

}  // namespace

void add_routes(http::Router& router, const EvaluationService& service) {
  add_evaluation(router, service, ReportFormat::xlsx);
  add_evaluation(router, service, ReportFormat::pdf);
}

}  // namespace shequ::report
