#include "workforce/demo.hpp"

#include <fmt/format.h>

#include "privacy/validators.hpp"

namespace shequ::workforce {

namespace {

constexpr const char* kStreet = "620102001000";    // 酒泉路街道
constexpr const char* kDistrict = "620102000000";  // 城关区
constexpr const char* kCity = "620100000000";      // 兰州市

struct DemoPost {
  Position position;
  std::vector<Position> beside;  // concurrent posts
  bool social_service;
  Qualification qualification;
};

// Each community's roster, in order; community 4 has no disaster information officer and
// communities 3 and 4 one reserve candidate fewer.
const std::vector<DemoPost>& demo_posts() {
  static const std::vector<DemoPost> posts{
      {Position::secretary_director, {}, true, Qualification::social_worker},
      {Position::committee_member, {Position::children_director}, false, Qualification::none},
      {Position::committee_member, {Position::reserve_secretary}, false, Qualification::assistant},
      {Position::full_time_worker, {Position::disaster_officer}, false, Qualification::none},
      {Position::full_time_worker, {Position::reserve_secretary}, false, Qualification::none},
      {Position::grid_worker, {}, true, Qualification::assistant},
  };
  return posts;
}

constexpr const char* kSurnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "马", "周", "吴"};
constexpr const char* kGiven[] = {"建华", "秀英", "志强", "丽娟", "国庆", "海燕",
                                  "文博", "晓梅", "德明", "玉兰", "振东", "春花"};

// An ID number of 城关区 that passes the check (sequence 8xx, apart from the residents').
std::string demo_id_number(int serial) {
  const std::string first17 = fmt::format("620102{:04}{:02}{:02}8{:02}", 1968 + serial % 25,
                                          1 + serial % 12, 1 + serial % 28, serial % 100);
  return first17 + privacy::resident_id_check_character(first17);
}

}  // namespace

Result<Text> add_demo_workforce(const Actor& op, const Clock& clock, const RosterService& roster,
                                const TrainingService& training) {
  SHEQU_ASSIGN_OR_RETURN(auto present,
                         roster.workers(op, std::string(kStreet), std::nullopt, {1, 1}));
  if (present.total > 0) return Text{};
  const auto now = clock.now();
  const auto day = [&](int days_ago) { return china_date(now - std::chrono::days(days_ago)); };
  // workers[community][index]
  std::vector<std::vector<int64_t>> workers(5);
  int serial = 0;
  for (int c = 0; c < 5; ++c) {
    const std::string community = fmt::format("62010200100{}", c + 1);
    for (std::size_t i = 0; i < demo_posts().size(); ++i) {
      const DemoPost& post = demo_posts()[i];
      if (c == 4 && i == 3) continue;  // the fifth community's full-time worker left
      ++serial;
      const WorkerInput input{
          .unit_code = community,
          .name = std::string(kSurnames[serial % 10]) + kGiven[(serial * 7) % 12],
          .phone = fmt::format("1399310{:04}", 2000 + serial),
          .id_number = demo_id_number(serial),
          .qualification = post.qualification,
          .certificate_number = post.qualification == Qualification::none
                                    ? std::string()
                                    : fmt::format("ZG{}{:05}", 2019 + serial % 5, serial),
          .social_service = post.social_service,
          .position = post.position,
          .started_on = day(400 + 97 * (serial % 9))};
      SHEQU_ASSIGN_OR_RETURN(const Worker w, roster.register_worker(op, input));
      workers[c].push_back(w.id);
      for (Position beside : post.beside) {
        if (beside == Position::reserve_secretary && c >= 3 && i == 4) continue;
        SHEQU_TRY(roster.start_post(op, w.id, community, beside, day(300)));
      }
    }
  }
  ++serial;
  SHEQU_TRY(roster.register_worker(op, {.unit_code = kStreet,
                                        .name = "孙丽华",
                                        .phone = "13993102999",
                                        .id_number = demo_id_number(serial),
                                        .position = Position::minors_officer,
                                        .started_on = day(700)}));

  struct DemoCourse {
    const char* organiser;
    const char* title;
    CourseLevel level;
    CourseForm form;
    int hours;
    int starts_days_ago, ends_days_ago;
    std::vector<std::pair<int, std::size_t>> completed;  // community, index
  };
  const std::vector<DemoCourse> courses{
      {kDistrict,
       "城关区村（社区）书记主任履职能力培训班",
       CourseLevel::county,
       CourseForm::on_site,
       24,
       60,
       58,
       {{0, 0}, {1, 0}, {2, 0}, {3, 0}}},
      {kStreet,
       "酒泉路街道社区工作者业务培训",
       CourseLevel::township,
       CourseForm::on_site,
       16,
       400,
       399,
       {{0, 1}, {0, 2}, {0, 3}, {1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {0, 5}, {1, 5}}},
      {kStreet,
       "儿童主任业务能力提升培训",
       CourseLevel::township,
       CourseForm::on_site,
       8,
       90,
       90,
       {{0, 1}, {1, 1}, {2, 1}}},
      {kCity,
       "社会工作实务（网络培训）",
       CourseLevel::city,
       CourseForm::online,
       120,
       200,
       30,
       {{0, 0}, {1, 0}, {0, 5}}},
  };
  int recorded = 0;
  for (const DemoCourse& dc : courses) {
    SHEQU_ASSIGN_OR_RETURN(const Course course,
                           training.create_course(op, {.organiser_code = dc.organiser,
                                                       .title = dc.title,
                                                       .level = dc.level,
                                                       .form = dc.form,
                                                       .hours = dc.hours,
                                                       .topics = "",
                                                       .starts_on = day(dc.starts_days_ago),
                                                       .ends_on = day(dc.ends_days_ago)}));
    for (const auto& [c, i] : dc.completed) {
      SHEQU_TRY(training.record(op, course.id, workers[c][i], course.ends_on, std::nullopt));
      ++recorded;
    }
  }
  // A course still to come, with the grid workers of two communities enrolled.
  SHEQU_ASSIGN_OR_RETURN(const Course coming,
                         training.create_course(op, {.organiser_code = kDistrict,
                                                     .title = "网格化服务管理专题培训",
                                                     .level = CourseLevel::county,
                                                     .form = CourseForm::on_site,
                                                     .hours = 12,
                                                     .topics = "网格员履职、走访和信息采集",
                                                     .starts_on = day(-9),
                                                     .ends_on = day(-10)}));
  SHEQU_TRY(training.enrol(op, coming.id, workers[3].back()));
  SHEQU_TRY(training.enrol(op, coming.id, workers[4].back()));
  return Text{
      fmt::format("社区工作者：酒泉路街道 {} 人在册，5 个培训班，{} 条参训记录", serial, recorded),
      fmt::format("Community workers: {} on the rosters of 酒泉路街道, 5 courses, {} "
                  "completions",
                  serial, recorded)};
}

}  // namespace shequ::workforce
