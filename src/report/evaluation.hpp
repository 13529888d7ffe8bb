// The evaluation report (规划指标评估报告): for a unit and a year, the plan's table (each
// indicator's 2020 baseline, 2025 target, the unit's value, progress and status) and each
// indicator by child unit, as an Excel workbook and as a PDF for printing. Officials hand it in
// when the plan is reviewed; its values are the analytics' (indicator/indicator_service.hpp),
// followed by the year's satisfaction surveys over the unit.
//
// Scope: the caller needs report:evaluation:export and indicator:value:read over the unit;
// outside them the unit does not exist (not_found). Every download is audited
// (report.evaluation.export) before its bytes are handed out.
//
// Thread-safe: holds references only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "indicator/indicator_service.hpp"
#include "org/org_service.hpp"
#include "storage/database.hpp"

namespace shequ::report {

// One row of the plan's table, with the unit's children for that indicator.
struct EvaluationLine {
  const indicator::Indicator* indicator = nullptr;
  indicator::AnalyticsRow baseline;  // the unit's own value in 2020
  indicator::AnalyticsRow current;   // ... in the report's year
  // The children's values in the report's year: ranked best first, then those without data.
  std::vector<indicator::AnalyticsRow> children;
};

// A satisfaction survey of the year over the unit (the surveys module's results): how many
// answered and each rating's mean with its 95% interval, so that a mean of 12 answers is read as
// such.
struct SatisfactionRating {
  std::string question;
  int64_t answers = 0;
  double mean = 0;
  std::optional<double> low, high;  // none below two answers
};
struct SatisfactionLine {
  std::string title;
  std::string run_by;  // the unit that ran it
  int64_t eligible = 0;
  int64_t responses = 0;
  std::vector<SatisfactionRating> ratings;
};
// Where the satisfaction surveys of a unit and year come from; the caller's scope applies (a
// survey the caller may not read is left out). Unset: the report has no such section.
using SatisfactionSource = std::function<Result<std::vector<SatisfactionLine>>(
    const Actor& actor, const std::string& unit, int year)>;

struct Evaluation {
  org::UnitRef unit;
  std::vector<std::string> path;  // the names above the unit, from the top: 甘肃省, 兰州市
  int year = 0;
  std::string as_of;  // the China date the figures were read
  std::vector<org::UnitRef> children;
  std::vector<EvaluationLine> lines;  // the plan's order
  std::vector<SatisfactionLine> satisfaction;

  // The name of a child (or the unit) by code; the code itself when unknown.
  std::string name_of(const std::string& code) const;
};

enum class ReportFormat { xlsx, pdf };

struct ReportFile {
  std::string bytes;
  std::string media_type;
  std::string ascii_name;  // evaluation-620000000000-2025.xlsx
  std::string name;        // 甘肃省2025年规划指标评估报告.xlsx
};

inline constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr std::string_view kPdfMediaType = "application/pdf";

class EvaluationService {
 public:
  // Every reference must outlive the service.
  EvaluationService(const org::OrgService& org, const indicator::IndicatorService& indicators,
                    storage::Database& db, const audit::Log& audit, const Clock& clock,
                    SatisfactionSource satisfaction = {});

  // The report's figures. invalid_argument for a year before 2020 or not yet begun (China time).
  Result<Evaluation> evaluate(const Actor& actor, const std::string& unit, int year) const;

  // The report as a file in `format` and `locale`, recorded in the audit log.
  Result<ReportFile> export_evaluation(const Actor& actor, const std::string& unit, int year,
                                       ReportFormat format, Locale locale) const;

  static constexpr int kFirstYear = 2020;  // the plan's baseline

 private:
  const org::OrgService& org_;
  const indicator::IndicatorService& indicators_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  SatisfactionSource satisfaction_;
};

// The report laid out as the plan's table, then one sheet per indicator by child unit.
Result<std::string> evaluation_xlsx(const Evaluation& evaluation, Locale locale);
// The same for printing: A4 landscape, the table first, then one section per indicator.
Result<std::string> evaluation_pdf(const Evaluation& evaluation, Locale locale);

}  // namespace shequ::report
