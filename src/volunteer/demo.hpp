// The volunteer module's part of the demonstration data (`shequ init --demo`): volunteers of
// 畅家巷社区 registered by the community, three activities of the past month with their hours
// confirmed into the chained record, and one to come that residents (jumin1, once she has applied
// and been approved) may still join.
#pragma once

#include "app/app.hpp"
#include "common/result.hpp"
#include "volunteer/hour_record.hpp"

namespace shequ::volunteer {

// Adds the demonstration volunteering to a database with the demo accounts; nothing when the
// database has volunteers already or lacks the demo community. Says what it added.
Result<Text> add_demo_volunteering(app::Services& services, const HourRecord& record);

}  // namespace shequ::volunteer
