// The workforce module's records (migration 0032), as its services hand them out: personal
// fields masked.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace shequ::workforce {

// The posts of a village's or community's roster, and the township's minors-protection officer.
// The first six are a person's main post (at most one at a time); the others are held beside it.
enum class Position {
  secretary,           // 党组织书记
  director,            // 居（村）民委员会主任
  secretary_director,  // 书记、主任"一肩挑"
  committee_member,    // "两委"委员
  full_time_worker,    // 专职社区工作者
  grid_worker,         // 专职网格员
  children_director,   // 儿童主任
  disaster_officer,    // 灾害信息员
  minors_officer,      // 未成年人保护工作专干 (a township's)
  reserve_secretary,   // 书记后备人才
};
std::string_view position_key(Position position);
std::optional<Position> parse_position(std::string_view key);
Text position_label(Position position);
bool is_main_post(Position position);
// Secretaries and directors: trained at county level or above every year (indicator 24).
bool is_leader(Position position);
inline constexpr std::array<std::string_view, 10> kPositionKeys{
    "secretary",        "director",         "secretary_director", "committee_member",
    "full_time_worker", "grid_worker",      "children_director",  "disaster_officer",
    "minors_officer",   "reserve_secretary"};

enum class Qualification { none, assistant, social_worker, senior };
std::string_view qualification_key(Qualification q);
std::optional<Qualification> parse_qualification(std::string_view key);
inline constexpr std::array<std::string_view, 4> kQualificationKeys{"none", "assistant",
                                                                    "social_worker", "senior"};

enum class CourseLevel { township, county, city, province };
std::string_view level_key(CourseLevel level);
std::optional<CourseLevel> parse_course_level(std::string_view key);
inline constexpr std::array<std::string_view, 4> kCourseLevelKeys{"township", "county", "city",
                                                                  "province"};

enum class CourseForm { on_site, online };
std::string_view form_key(CourseForm form);
std::optional<CourseForm> parse_course_form(std::string_view key);
inline constexpr std::array<std::string_view, 2> kCourseFormKeys{"on_site", "online"};

struct Post {
  int64_t id = 0;
  int64_t worker_id = 0;
  std::string unit_code;
  Position position = Position::full_time_worker;
  std::string started_on;
  std::optional<std::string> ended_on;  // none: in post
};

struct Worker {
  int64_t id = 0;
  std::string unit_code;  // the roster it is on
  std::string name;       // masked: 张*三
  std::string phone;      // masked
  std::string id_number;  // masked: 620***********123X
  Qualification qualification = Qualification::none;
  std::string certificate_number;
  bool social_service = false;
  std::vector<Post> posts;  // in post today, main post first
  int64_t hours = 0;        // training hours completed, all time
  std::string created_at;
  int64_t version = 1;
};

struct WorkerInput {
  std::string unit_code;
  std::string name;
  std::string phone;
  std::string id_number;
  Qualification qualification = Qualification::none;
  std::string certificate_number;
  bool social_service = false;
  Position position = Position::full_time_worker;  // the first post, at unit_code
  std::string started_on;
};

struct WorkerChange {
  std::optional<std::string> phone;  // absent: unchanged
  Qualification qualification = Qualification::none;
  std::string certificate_number;
  bool social_service = false;
  int64_t version = 0;
};

struct Course {
  int64_t id = 0;
  std::string organiser_code;
  std::string title;
  CourseLevel level = CourseLevel::county;
  CourseForm form = CourseForm::on_site;
  int64_t hours = 0;
  std::string topics;
  std::string starts_on;
  std::string ends_on;
  int64_t enrolled = 0;
  int64_t completed = 0;
  std::string created_at;
};

// A worker on a course: enrolled, and completed once completed_on is set.
struct Attendance {
  int64_t course_id = 0;
  int64_t worker_id = 0;
  std::string worker_name;  // masked
  std::string worker_unit;
  std::string enrolled_at;
  std::optional<std::string> completed_on;
  std::optional<int64_t> hours;
};

// A completed course on a worker's training record.
struct TrainingRecord {
  Course course;
  std::string completed_on;
  int64_t hours = 0;
};

struct WorkerDetail {
  Worker worker;
  std::vector<Post> posts;               // every post, newest first
  std::vector<TrainingRecord> training;  // newest first
};

}  // namespace shequ::workforce
