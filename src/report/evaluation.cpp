#include "report/evaluation.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "indicator/catalogue.hpp"
#include "report/declaration.hpp"

namespace shequ::report {

namespace {

using indicator::AnalyticsQuery;
using indicator::AnalyticsResult;
using indicator::AnalyticsRow;

// Ranked first, best first; then those without data, by code.
bool before_in_report(const AnalyticsRow& a, const AnalyticsRow& b) {
  if (a.rank.has_value() != b.rank.has_value()) return a.rank.has_value();
  if (a.rank && *a.rank != *b.rank) return *a.rank < *b.rank;
  return a.unit < b.unit;
}

}  // namespace

std::string Evaluation::name_of(const std::string& code) const {
  if (code == unit.code) return unit.name;
  const auto found = std::find_if(children.begin(), children.end(),
                                  [&](const org::UnitRef& child) { return child.code == code; });
  return found == children.end() ? code : found->name;
}

EvaluationService::EvaluationService(const org::OrgService& org,
                                     const indicator::IndicatorService& indicators,
                                     storage::Database& db, const audit::Log& audit,
                                     const Clock& clock, SatisfactionSource satisfaction)
    : org_(org),
      indicators_(indicators),
      db_(db),
      audit_(audit),
      clock_(clock),
      satisfaction_(std::move(satisfaction)) {}

Result<Evaluation> EvaluationService::evaluate(const Actor& actor, const std::string& unit,
                                               int year) const {
  const TimePoint now = clock_.now();
  const std::string today = china_date(now);
  const int this_year = china_year(now);
  if (year < kFirstYear || year > this_year) {
    return Error::invalid("year",
                          {fmt::format("年度应在 {} 至 {} 年之间", kFirstYear, this_year),
                           fmt::format("the year must be from {} to {}", kFirstYear, this_year)});
  }
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView view, org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kEvaluationExport, unit));

  Evaluation evaluation;
  evaluation.unit = {view.unit.code, view.unit.name};
  for (const org::UnitRef& above : view.path) evaluation.path.push_back(above.name);
  evaluation.year = year;
  evaluation.as_of = today;

  std::vector<std::string> ids;
  for (const indicator::Indicator& i : indicator::indicators()) {
    if (i.in_plan()) ids.emplace_back(i.id);
  }
  const std::string year_text = std::to_string(year);
  SHEQU_ASSIGN_OR_RETURN(
      AnalyticsResult own,
      indicators_.analytics(actor, AnalyticsQuery{ids, {unit}, {"2020", year_text}}));
  SHEQU_ASSIGN_OR_RETURN(
      AnalyticsResult below,
      indicators_.analytics(actor, AnalyticsQuery{ids, {unit, "CHILDREN"}, {year_text}}));
  evaluation.children = std::move(below.units);
  std::sort(evaluation.children.begin(), evaluation.children.end(),
            [](const org::UnitRef& a, const org::UnitRef& b) { return a.code < b.code; });

  std::map<const indicator::Indicator*, EvaluationLine> lines;
  for (AnalyticsRow& row : own.rows) {
    EvaluationLine& line = lines[row.indicator];
    line.indicator = row.indicator;
    if (row.period == "2020") line.baseline = row;
    if (row.period == year_text) line.current = std::move(row);
  }
  for (AnalyticsRow& row : below.rows) lines[row.indicator].children.push_back(std::move(row));
  for (const indicator::Indicator& i : indicator::indicators()) {
    if (!i.in_plan()) continue;
    EvaluationLine& line = lines[&i];
    line.indicator = &i;
    // A unit that did not yet (or no longer) exist in a year has no row for it.
    if (line.current.indicator == nullptr) line.current = {&i, unit, year_text, {}, "no_data"};
    if (line.baseline.indicator == nullptr) line.baseline = {&i, unit, "2020", {}, "no_data"};
    std::sort(line.children.begin(), line.children.end(), before_in_report);
    evaluation.lines.push_back(std::move(line));
  }
  if (satisfaction_) {
    SHEQU_ASSIGN_OR_RETURN(evaluation.satisfaction, satisfaction_(actor, unit, year));
  }
  return evaluation;
}

Result<ReportFile> EvaluationService::export_evaluation(const Actor& actor, const std::string& unit,
                                                        int year, ReportFormat format,
                                                        Locale locale) const {
  SHEQU_ASSIGN_OR_RETURN(const Evaluation evaluation, evaluate(actor, unit, year));
  const bool pdf = format == ReportFormat::pdf;
  ReportFile file;
  SHEQU_ASSIGN_OR_RETURN(
      file.bytes, pdf ? evaluation_pdf(evaluation, locale) : evaluation_xlsx(evaluation, locale));
  const std::string_view extension = pdf ? "pdf" : "xlsx";
  file.media_type = pdf ? kPdfMediaType : kXlsxMediaType;
  file.ascii_name = fmt::format("evaluation-{}-{}.{}", unit, year, extension);
  file.name = locale == Locale::en
                  ? fmt::format("{} evaluation {}.{}", evaluation.unit.name, year, extension)
                  : fmt::format("{}{}年规划指标评估报告.{}", evaluation.unit.name, year, extension);
  SHEQU_TRY(audit_.record(
      db_, audit::who(actor, kEvaluationExport),
      {"report.evaluation.export", "report", unit, "success",
       fmt::format("{} {} {} indicators", extension, year, evaluation.lines.size()), unit}));
  return file;
}

}  // namespace shequ::report
