// The workforce module's part of `shequ init --demo`: the roster of 酒泉路街道's five
// communities and its minors-protection officer, and their courses and attendance, dated from
// today, so that the roster, the "who still needs training" list and indicators 7, 14, 15, 20,
// 24, 25, 27 and 28 of the demo county show the module working.
#pragma once

#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "workforce/training_service.hpp"
#include "workforce/workforce_service.hpp"

namespace shequ::workforce {

// Adds nothing when the street has a roster already. Says what it added.
Result<Text> add_demo_workforce(const Actor& op, const Clock& clock, const RosterService& roster,
                                const TrainingService& training);

}  // namespace shequ::workforce
