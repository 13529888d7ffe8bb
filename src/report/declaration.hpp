// The reports' declaration (kit/module.hpp): the documents officials hand in, built from the
// other modules' figures. The first is the plan's evaluation report (evaluation.hpp).
#pragma once

#include <string_view>

#include "kit/module.hpp"

namespace shequ::report {

inline constexpr std::string_view kEvaluationExport = "report:evaluation:export";

const kit::ModuleDeclaration& declaration();

}  // namespace shequ::report
