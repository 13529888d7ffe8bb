// The surveys module's declaration (kit/module.hpp): satisfaction surveys (满意度调查) that a
// unit runs among the residents of its villages and communities, answered on /h5/ or filled in by
// staff during a visit, and their results; it counts indicator 22.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::surveys {

// Reading the surveys that concern the units in scope and their results there.
inline constexpr std::string_view kSurveyRead = "surveys:survey:read";
// Composing, publishing and closing a unit's surveys (county, township, village or community).
inline constexpr std::string_view kSurveyWrite = "surveys:survey:write";
// Filling a survey in on a resident's behalf during a visit.
inline constexpr std::string_view kResponseCollect = "surveys:response:collect";
// A resident answering the surveys that reach them on /h5/.
inline constexpr std::string_view kSurveyAnswer = "surveys:survey:answer";

// Audit actions. A response's entry names the survey and never the response (anonymity).
inline constexpr std::string_view kAuditCreate = "surveys.survey.create";
inline constexpr std::string_view kAuditUpdate = "surveys.survey.update";
inline constexpr std::string_view kAuditPublish = "surveys.survey.publish";
inline constexpr std::string_view kAuditClose = "surveys.survey.close";
inline constexpr std::string_view kAuditSubmit = "surveys.response.submit";

// Indicator 22: villages and communities with a satisfaction survey this year.
inline constexpr std::string_view kSurveyIndicator = "22";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::surveys
