// The evaluation report's two layouts: the workbook (numbers as numbers, for checking and
// re-use) and the printed document (numbers as text in their measure).
#include <cmath>

#include <fmt/format.h>

#include "common/xlsx.hpp"
#include "pdf/pdf_document.hpp"
#include "report/evaluation.hpp"

namespace shequ::report {

namespace {

using indicator::AnalyticsRow;
using indicator::Indicator;
using pdf::Align;
using pdf::Orientation;
using pdf::PdfDocument;
using pdf::PdfTable;
using pdf::Rgb;

struct Words {
  Locale locale;
  std::string operator()(std::string_view zh, std::string_view en) const {
    return std::string(locale == Locale::en ? en : zh);
  }
};

// Decimals a value is shown with in its measure.
int decimals_of(const Indicator& indicator) {
  const std::string_view measure = indicator.measure.key;
  if (measure == "count") return 0;
  if (measure == "ratio" || measure == "m2_per_resident") return 2;
  return 1;
}

// Whole numbers without decimals, areas (m²) with two.
int decimals_of_fact(double value) {
  return value == std::floor(value) ? 0 : 2;
}

std::string number_text(double value, int decimals) {
  return fmt::format("{:.{}f}", value, decimals);
}

std::string_view comparator_sign(const Indicator& indicator) {
  switch (indicator.comparator) {
    case indicator::Comparator::at_least:
      return "≥";
    case indicator::Comparator::at_most:
      return "≤";
    case indicator::Comparator::equal:
      return "=";
  }
  return "";
}

std::string target_text(const Indicator& indicator) {
  return fmt::format("{} {}", comparator_sign(indicator),
                     number_text(indicator.target, decimals_of(indicator)));
}

std::string status_text(std::string_view status, const Words& w) {
  if (status == "met") return w("达标", "met");
  if (status == "on_track") return w("进展正常", "on track");
  if (status == "at_risk") return w("有风险", "at risk");
  return w("无数据", "no data");
}

Rgb status_colour(std::string_view status) {
  if (status == "met") return {0.20, 0.55, 0.10};
  if (status == "on_track") return {0.10, 0.35, 0.75};
  if (status == "at_risk") return {0.80, 0.15, 0.15};
  return {0.45, 0.45, 0.45};
}

std::string attribute_text(const Indicator& indicator, const Words& w) {
  switch (indicator.attribute) {
    case indicator::Attribute::expected:
      return w("预期性", "expected");
    case indicator::Attribute::binding:
      return w("约束性", "binding");
    case indicator::Attribute::not_stated:
      return "—";
  }
  return "—";
}

std::string source_text(const Indicator& indicator, const Words& w) {
  if (indicator.from_circle) return w("一刻钟便民生活圈", "fifteen-minute circle");
  return indicator.source == indicator::Source::entered ? w("填报", "entered")
                                                        : w("系统计算", "computed");
}

std::string title_of(const Evaluation& e, const Words& w) {
  return w(fmt::format("{}{}年城乡社区服务体系建设规划指标评估报告", e.unit.name, e.year),
           fmt::format("{}: evaluation of the community service plan's indicators, {}", e.unit.name,
                       e.year));
}

// The lines under the title: where the unit stands, when the figures were read, how to read them.
std::vector<std::string> preamble_of(const Evaluation& e, const Words& w) {
  std::vector<std::string> lines;
  if (!e.path.empty()) {
    std::string path;
    for (const std::string& name : e.path) path += (path.empty() ? "" : " › ") + name;
    lines.push_back(w("所属：", "Part of: ") + path);
  }
  lines.push_back(w(fmt::format("单位编码：{}；数据截至 {}", e.unit.code, e.as_of),
                    fmt::format("Unit code: {}; figures as of {}", e.unit.code, e.as_of)));
  lines.push_back(
      w("2020年基数、2025年目标和属性为《规划》所列；状态依据上年至本年的变化判断能否在"
        "2025年达到目标；进度为目标完成的比例。",
        "The 2020 baseline, the 2025 target and the attribute are the plan's; the "
        "status says whether the change since last year, kept up, meets the target "
        "by 2025; progress is the share of the target reached."));
  return lines;
}

std::string sheet_name(const Indicator& indicator, const Words& w) {
  return w("指标", "Indicator ") + std::string(indicator.id);
}

// A value's cell: its number with the measure's decimals, or empty without data.
XlsxCell value_cell(const AnalyticsRow& row) {
  if (!row.figure.has_data) return std::monostate{};
  return XlsxDecimal{row.figure.value, decimals_of(*row.indicator)};
}

XlsxCell fact_cell(const AnalyticsRow& row, bool numerator) {
  if (!row.figure.has_data) return std::monostate{};
  const std::optional<double> fact =
      numerator ? std::optional<double>(row.figure.numerator) : row.figure.denominator;
  if (!fact) return std::monostate{};
  return XlsxDecimal{*fact, decimals_of_fact(*fact)};
}

XlsxCell progress_cell(const AnalyticsRow& row) {
  if (!row.progress) return std::monostate{};
  return XlsxDecimal{*row.progress, 1};
}

std::string value_text(const AnalyticsRow& row) {
  return row.figure.has_data ? number_text(row.figure.value, decimals_of(*row.indicator)) : "—";
}

std::string fact_text(std::optional<double> fact, bool has_data) {
  return has_data && fact ? number_text(*fact, decimals_of_fact(*fact)) : "—";
}

std::string progress_text(const AnalyticsRow& row) {
  return row.progress ? number_text(*row.progress, 1) + "%" : "—";
}

std::string rank_text(const AnalyticsRow& row) {
  return row.rank ? fmt::format("{}/{}", *row.rank, row.ranked) : "—";
}

// Under an indicator's heading: its measure, its target, and where the unit stands.
std::string standing_of(const Evaluation& e, const EvaluationLine& line, const Words& w) {
  const Indicator& i = *line.indicator;
  const std::string& measure = i.measure.unit.in(w.locale);
  const std::string status = status_text(line.current.status, w);
  return w(fmt::format("计量单位：{}；2025年目标：{}；{}{}年：{}（{}）", measure, target_text(i),
                       e.unit.name, e.year, value_text(line.current), status),
           fmt::format("Measure: {}; 2025 target: {}; {} in {}: {} ({})", measure, target_text(i),
                       e.unit.name, e.year, value_text(line.current), status));
}

std::string mean_text(const SatisfactionRating& r, const Words& w) {
  if (!r.low || !r.high) {
    return fmt::format("{:.2f}（{}）", r.mean,
                       w(fmt::format("{} 人作答，样本太少", r.answers),
                         fmt::format("{} answer(s), too few", r.answers)));
  }
  return fmt::format("{:.2f}（95%: {:.2f}–{:.2f}，{}）", r.mean, *r.low, *r.high,
                     w(fmt::format("{} 人作答", r.answers), fmt::format("n = {}", r.answers)));
}

std::string rate_text(const SatisfactionLine& s) {
  if (s.eligible == 0) return "—";
  return fmt::format("{:.1f}%",
                     100.0 * static_cast<double>(s.responses) / static_cast<double>(s.eligible));
}

}  // namespace

Result<std::string> evaluation_xlsx(const Evaluation& e, Locale locale) {
  const Words w{locale};
  std::vector<std::string> preamble{title_of(e, w)};
  for (std::string& line : preamble_of(e, w)) preamble.push_back(std::move(line));
  const std::string year = std::to_string(e.year);
  SHEQU_ASSIGN_OR_RETURN(
      auto writer, XlsxWriter::create(XlsxSheet{
                       w("评估总表", "Summary"),
                       std::move(preamble),
                       {w("序号", "Row"), w("指标", "Indicator"), w("计量单位", "Measure"),
                        w("属性", "Attribute"), w("2020年基数（规划）", "2020 baseline (plan)"),
                        w("达标条件", "Comparator"), w("2025年目标", "2025 target"),
                        w("本级2020年", "This unit, 2020"), w(year + "年数值", "Value, " + year),
                        w("分子", "Numerator"), w("分母", "Denominator"),
                        w("进度（%）", "Progress (%)"), w("状态", "Status"), w("来源", "Source")},
                       {7, 44, 14, 9, 14, 9, 11, 12, 12, 14, 14, 10, 10, 14}}));
  for (const EvaluationLine& line : e.lines) {
    const Indicator& i = *line.indicator;
    SHEQU_TRY(writer->add_row(
        {std::string(i.id), i.name.in(locale), i.measure.unit.in(locale), attribute_text(i, w),
         i.baseline_2020 ? XlsxCell{XlsxDecimal{*i.baseline_2020, decimals_of(i)}}
                         : XlsxCell{std::monostate{}},
         std::string(comparator_sign(i)), XlsxDecimal{i.target, decimals_of(i)},
         value_cell(line.baseline), value_cell(line.current), fact_cell(line.current, true),
         fact_cell(line.current, false), progress_cell(line.current),
         status_text(line.current.status, w), source_text(i, w)}));
  }
  for (const EvaluationLine& line : e.lines) {
    const Indicator& i = *line.indicator;
    std::vector<std::string> lines{fmt::format("{} {}", i.id, i.name.in(locale)),
                                   standing_of(e, line, w)};
    if (e.children.empty()) lines.push_back(w("本单位没有下级单位。", "The unit has no children."));
    SHEQU_TRY(writer->add_sheet(
        XlsxSheet{sheet_name(i, w),
                  std::move(lines),
                  {w("排名", "Rank"), w("单位编码", "Unit code"), w("单位", "Unit"),
                   w("数值", "Value"), w("分子", "Numerator"), w("分母", "Denominator"),
                   w("进度（%）", "Progress (%)"), w("状态", "Status")},
                  {8, 15, 28, 12, 14, 14, 12, 10}}));
    for (const AnalyticsRow& child : line.children) {
      SHEQU_TRY(writer->add_row(
          {child.rank ? XlsxCell{static_cast<double>(*child.rank)} : XlsxCell{std::monostate{}},
           child.unit, e.name_of(child.unit), value_cell(child), fact_cell(child, true),
           fact_cell(child, false), progress_cell(child), status_text(child.status, w)}));
    }
  }
  SHEQU_TRY(writer->add_sheet(XlsxSheet{
      w("满意度调查", "Satisfaction"),
      {w(year + "年本单位范围内的满意度调查（平均分为 1–5 分，附 95% 置信区间）",
         "Satisfaction surveys over the unit in " + year + " (means of 1-5 with 95% intervals)")},
      {w("调查", "Survey"), w("开展单位", "Run by"), w("应答人数", "Responses"),
       w("范围内人数", "Eligible"), w("应答率", "Response rate"), w("评分题", "Rating question"),
       w("作答", "Answers"), w("平均分", "Mean"), w("区间下限", "Low"), w("区间上限", "High")},
      {36, 20, 10, 10, 10, 36, 8, 8, 10, 10}}));
  for (const SatisfactionLine& s : e.satisfaction) {
    const auto row = [&](const SatisfactionRating* r) -> Status {
      const auto optional = [](std::optional<double> v) {
        return v ? XlsxCell{XlsxDecimal{*v, 2}} : XlsxCell{std::monostate{}};
      };
      return writer->add_row(
          {s.title, s.run_by, static_cast<double>(s.responses), static_cast<double>(s.eligible),
           rate_text(s), r ? r->question : std::string(),
           r ? XlsxCell{static_cast<double>(r->answers)} : XlsxCell{std::monostate{}},
           r ? XlsxCell{XlsxDecimal{r->mean, 2}} : XlsxCell{std::monostate{}},
           optional(r ? r->low : std::nullopt), optional(r ? r->high : std::nullopt)});
    };
    if (s.ratings.empty()) SHEQU_TRY(row(nullptr));
    for (const SatisfactionRating& r : s.ratings) SHEQU_TRY(row(&r));
  }
  return writer->finish();
}

Result<std::string> evaluation_pdf(const Evaluation& e, Locale locale) {
  const Words w{locale};
  const std::string title = title_of(e, w);
  SHEQU_ASSIGN_OR_RETURN(auto document, PdfDocument::create(Orientation::landscape, title, title,
                                                            w("第 {} 页", "Page {}")));
  document->title(title);
  for (const std::string& line : preamble_of(e, w)) document->paragraph(line);
  const std::string year = std::to_string(e.year);
  PdfTable summary{{{w("序号", "Row"), 0.6, Align::center},
                    {w("指标", "Indicator"), 4.2},
                    {w("计量单位", "Measure"), 1.3},
                    {w("属性", "Attribute"), 0.9, Align::center},
                    {w("2020年基数", "2020 baseline"), 1.3, Align::right},
                    {w("2025年目标", "2025 target"), 1.3, Align::right},
                    {w("本级2020年", "This unit, 2020"), 1.3, Align::right},
                    {w(year + "年", year), 1.1, Align::right},
                    {w("进度", "Progress"), 0.9, Align::right},
                    {w("状态", "Status"), 1.0, Align::center},
                    {w("来源", "Source"), 1.3}},
                   {}};
  for (const EvaluationLine& line : e.lines) {
    const Indicator& i = *line.indicator;
    summary.rows.push_back(
        {{std::string(i.id)},
         {i.name.in(locale)},
         {i.measure.unit.in(locale)},
         {attribute_text(i, w)},
         {i.baseline_2020 ? number_text(*i.baseline_2020, decimals_of(i)) : "—"},
         {target_text(i)},
         {value_text(line.baseline)},
         {value_text(line.current)},
         {progress_text(line.current)},
         {status_text(line.current.status, w), status_colour(line.current.status)},
         {source_text(i, w)}});
  }
  document->table(summary);
  for (const EvaluationLine& line : e.lines) {
    const Indicator& i = *line.indicator;
    document->heading(fmt::format("{} {}", i.id, i.name.in(locale)));
    document->paragraph(standing_of(e, line, w));
    if (line.children.empty()) {
      document->paragraph(w("本单位没有下级单位。", "The unit has no children."));
      continue;
    }
    PdfTable children{{{w("排名", "Rank"), 0.8, Align::center},
                       {w("单位", "Unit"), 3.2},
                       {w("数值", "Value"), 1.2, Align::right},
                       {w("分子", "Numerator"), 1.4, Align::right},
                       {w("分母", "Denominator"), 1.4, Align::right},
                       {w("进度", "Progress"), 1.0, Align::right},
                       {w("状态", "Status"), 1.0, Align::center}},
                      {}};
    for (const AnalyticsRow& child : line.children) {
      children.rows.push_back({{rank_text(child)},
                               {fmt::format("{}（{}）", e.name_of(child.unit), child.unit)},
                               {value_text(child)},
                               {fact_text(child.figure.numerator, child.figure.has_data)},
                               {fact_text(child.figure.denominator, child.figure.has_data)},
                               {progress_text(child)},
                               {status_text(child.status, w), status_colour(child.status)}});
    }
    document->table(children);
  }
  document->heading(w("满意度调查", "Satisfaction surveys"));
  if (e.satisfaction.empty()) {
    document->paragraph(w(year + "年本单位范围内没有满意度调查。",
                          "No satisfaction survey over the unit in " + year + "."));
  }
  for (const SatisfactionLine& s : e.satisfaction) {
    document->paragraph(fmt::format(
        "{}（{}）：{}", s.title, s.run_by,
        w(fmt::format("{} 人作答，范围内 {} 人，应答率 {}", s.responses, s.eligible, rate_text(s)),
          fmt::format("{} responses of {} eligible, {}", s.responses, s.eligible, rate_text(s)))));
    if (s.ratings.empty()) continue;
    PdfTable ratings{{{w("评分题", "Rating question"), 5.0},
                      {w("平均分（95% 置信区间）", "Mean (95% interval)"), 4.0}},
                     {}};
    for (const SatisfactionRating& r : s.ratings) {
      ratings.rows.push_back({{r.question}, {mean_text(r, w)}});
    }
    document->table(ratings);
  }
  return document->finish();
}

}  // namespace shequ::report
