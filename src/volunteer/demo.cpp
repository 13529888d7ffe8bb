#include "volunteer/demo.hpp"

#include <fmt/format.h>

#include "auth/auth_repository.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/volunteer_repository.hpp"
#include "volunteer/volunteer_service.hpp"

namespace shequ::volunteer {

namespace {

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区

struct DemoVolunteer {
  const char* name;
  const char* phone;  // "" none
  const char* skills;
};

// Registered by the community: older residents and people without the resident pages. The demo
// resident jumin1 is left to apply herself, from 我的 › 志愿服务.
constexpr DemoVolunteer kRegistered[] = {
    {"刘桂英", "13993100101", "陪护、理发"},   {"马建国", "", "陪护、修理"},
    {"王秀兰", "13919310021", "陪护、文艺"},   {"李强", "13893120032", "宣传、摄影"},
    {"赵敏", "18693110043", "宣传、垃圾分类"}, {"陈晓东", "13309310054", "理发、修理"},
};

struct DemoActivity {
  const char* title;
  const char* place;
  int days_ago;                  // negative: still to come
  int start_hour, minutes_long;  // China time
  int capacity;
  const char* skills;
  std::vector<int> who;  // indexes of kRegistered
};

const std::vector<DemoActivity>& demo_activities() {
  static const std::vector<DemoActivity> activities{
      {"敬老院陪护", "畅家巷社区日间照料中心", 28, 9, 150, 6, "陪护", {0, 1, 2}},
      {"垃圾分类宣传", "畅家巷口", 17, 14, 120, 8, "宣传", {3, 4, 5, 2}},
      {"义务理发进社区", "畅家巷社区党群服务中心", 6, 9, 120, 5, "理发", {0, 1, 5}},
      {"周末社区清洁日", "畅家巷社区各楼院", -3, 9, 180, 10, "", {}},
  };
  return activities;
}

Result<int64_t> account_id(storage::Database& db, const std::string& name) {
  return db.read_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(auto user, auth::AuthRepository::find_user_by_name(s, name));
    return user ? user->id : int64_t{0};
  });
}

}  // namespace

Result<Text> add_demo_volunteering(app::Services& services, const HourRecord& record) {
  const Actor op = services.operator_actor();
  if (!services.org().tree().find(kCommunity)) return Text{};
  SHEQU_ASSIGN_OR_RETURN(const int64_t present,
                         services.database().read_value<int64_t>(
                             [](storage::Session& s) { return repository::count_volunteers(s); }));
  if (present > 0) return Text{};
  SHEQU_ASSIGN_OR_RETURN(const int64_t worker_id, account_id(services.database(), "changjiaxiang"));
  if (worker_id == 0) return Text{};
  Actor worker = op;
  worker.user_id = worker_id;
  worker.username = "changjiaxiang";

  // The past month replayed on a clock of its own: activities are published before they start
  // and confirmed after they end, as the service asks.
  const TimePoint now = services.clock().now();
  ManualClock clock(now - std::chrono::days(35));
  const VolunteerService service(services.org(), services.database(), services.audit(), clock,
                                 services.keyring(), record);
  std::vector<int64_t> ids;
  for (const DemoVolunteer& v : kRegistered) {
    SHEQU_ASSIGN_OR_RETURN(
        Volunteer registered,
        service.register_volunteer(worker, kCommunity, {v.name, v.phone, v.skills}));
    ids.push_back(registered.id);
  }
  int confirmed = 0;
  int64_t minutes = 0;
  for (const DemoActivity& a : demo_activities()) {
    const std::string day = china_date(now - std::chrono::days(a.days_ago));
    const TimePoint starts = china_day_start(day) + std::chrono::hours(a.start_hour);
    const TimePoint ends = starts + std::chrono::minutes(a.minutes_long);
    clock.set(std::min(starts - std::chrono::days(2), now));
    SHEQU_ASSIGN_OR_RETURN(Activity published,
                           service.publish(worker, {.unit_code = kCommunity,
                                                    .title = a.title,
                                                    .place = a.place,
                                                    .starts_at = format_timestamp(starts),
                                                    .ends_at = format_timestamp(ends),
                                                    .capacity = a.capacity,
                                                    .skills = a.skills}));
    if (a.who.empty()) continue;
    clock.set(ends + std::chrono::minutes(30));
    for (std::size_t i = 0; i < a.who.size(); ++i) {
      const auto late = std::chrono::minutes(static_cast<int64_t>(5 * i));
      SHEQU_TRY(service.check_by_hand(worker, published.id, ids[a.who[i]], Direction::in,
                                      format_timestamp(starts + late)));
      SHEQU_TRY(service.check_by_hand(worker, published.id, ids[a.who[i]], Direction::out,
                                      format_timestamp(ends - late)));
    }
    SHEQU_ASSIGN_OR_RETURN(const auto entries, service.confirm(worker, published.id));
    for (const HourEntry& e : entries) minutes += e.minutes;
    ++confirmed;
  }
  return Text{fmt::format("志愿服务：畅家巷社区 {} 名志愿者，{} 场已确认时长的活动共 {} 小时，"
                          "1 场可报名的活动（居民 jumin1 可在“我的 › 志愿服务”申请）",
                          ids.size(), confirmed, minutes / 60),
              fmt::format("Volunteers: {} in 畅家巷社区, {} activities with confirmed hours ({} "
                          "hours in all), 1 open for sign-up (the resident jumin1 may apply from "
                          "我的 › 志愿服务)",
                          ids.size(), confirmed, minutes / 60)};
}

}  // namespace shequ::volunteer
