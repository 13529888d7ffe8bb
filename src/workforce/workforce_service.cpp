#include "workforce/workforce_service.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "common/strings.hpp"
#include "privacy/validators.hpp"
#include "workforce/declaration.hpp"

namespace shequ::workforce {

namespace {

constexpr std::size_t kMaxCertificate = 30;

Error worker_not_found() {
  return Error::not_found({"未找到该社区工作者", "no such community worker"});
}

void check_name(std::vector<FieldError>& problems, const std::string& name) {
  const std::size_t length = utf8_length(name);
  if (length < 2 || length > 30) {
    problems.push_back({"name", {"姓名应为 2 至 30 个字", "a name has 2 to 30 characters"}});
  }
}

void add_problems(std::vector<FieldError>& problems, const Status& status) {
  if (status) return;
  for (const FieldError& e : status.error().details) problems.push_back(e);
}

void check_qualification(std::vector<FieldError>& problems, Qualification q,
                         const std::string& certificate) {
  if (q == Qualification::none && !certificate.empty()) {
    problems.push_back({"certificateNumber",
                        {"没有社会工作职业资格时不填证书编号",
                         "a certificate number only comes with a qualification"}});
  }
  if (q != Qualification::none && (certificate.empty() || certificate.size() > kMaxCertificate)) {
    problems.push_back({"certificateNumber",
                        {"持有社会工作职业资格的，须填写证书编号（至多 30 个字符）",
                         "a qualification comes with its certificate number (at most 30)"}});
  }
}

// Whether the unit has such a post: a township's minors-protection officer, a village's or
// community's others.
bool post_fits(Position position, const org::Unit& unit) {
  if (position == Position::minors_officer) return unit.level == org::Level::township;
  return unit.level == org::Level::village;
}

Text post_misfit(Position position) {
  if (position == Position::minors_officer) {
    return {"未成年人保护工作专干设在乡镇（街道）", "a minors-protection officer is a township's"};
  }
  return {"该岗位设在村（社区）", "this post is a village's or community's"};
}

bool in_force(const Post& p, const std::string& day) {
  return p.started_on <= day && (!p.ended_on || *p.ended_on >= day);
}

// An ID number is valid only for a birth day not after today, which its validator takes as
// YYYYMMDD.
void check_id_number(std::vector<FieldError>& problems, const std::string& id_number,
                     std::string day) {
  std::erase(day, '-');
  add_problems(problems, privacy::validate_resident_id(id_number, day, "idNumber"));
}

}  // namespace

RosterService::RosterService(const org::OrgService& org, storage::Database& db,
                             const audit::Log& audit, const Clock& clock,
                             const privacy::Keyring& keyring)
    : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring) {}

std::string RosterService::today() const {
  return china_date(clock_.now());
}

Result<Worker> RosterService::shown(const repository::WorkerRow& row,
                                    std::vector<Post> posts) const {
  Worker w = row.worker;
  SHEQU_ASSIGN_OR_RETURN(const std::string name, keyring_.open(row.name_sealed, kNameContext));
  SHEQU_ASSIGN_OR_RETURN(const std::string phone, keyring_.open(row.phone_sealed, kPhoneContext));
  SHEQU_ASSIGN_OR_RETURN(const std::string id_number,
                         keyring_.open(row.id_number_sealed, kIdNumberContext));
  w.name = privacy::mask_name(name);
  w.phone = privacy::mask_mobile(phone);
  w.id_number = privacy::mask_resident_id(id_number);
  const std::string day = today();
  for (Post& p : posts) {
    if (p.worker_id == w.id && in_force(p, day)) w.posts.push_back(std::move(p));
  }
  std::stable_partition(w.posts.begin(), w.posts.end(),
                        [](const Post& p) { return is_main_post(p.position); });
  return w;
}

bool RosterService::reads(const Actor& actor, std::string_view permission,
                          const repository::WorkerRow& row, const std::vector<Post>& posts) const {
  if (org_.covers(actor, permission, row.worker.unit_code)) return true;
  const std::string day = today();
  return std::any_of(posts.begin(), posts.end(), [&](const Post& p) {
    return in_force(p, day) && org_.covers(actor, permission, p.unit_code);
  });
}

Result<Worker> RosterService::register_worker(const Actor& actor, const WorkerInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit_code));
  SHEQU_TRY(org_.in_scope(actor, kRosterManage, input.unit_code));
  const std::string day = today();
  std::vector<FieldError> problems;
  if (unit.unit.level != org::Level::township && unit.unit.level != org::Level::village) {
    problems.push_back({"unit",
                        {"社区工作者名册属于乡镇（街道）或村（社区）",
                         "a roster is a township's, village's or community's"}});
  } else if (!post_fits(input.position, unit.unit)) {
    problems.push_back({"position", post_misfit(input.position)});
  }
  check_name(problems, input.name);
  add_problems(problems, privacy::validate_mobile(input.phone, "phone"));
  check_id_number(problems, input.id_number, day);
  check_qualification(problems, input.qualification, input.certificate_number);
  if (input.started_on > day) {
    problems.push_back({"startedOn", {"任职日期不能晚于今天", "a post cannot start after today"}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Worker>([&](storage::Session& s) -> Result<Worker> {
    repository::WorkerRow row;
    row.id_number_index = keyring_.blind_index(input.id_number, kIdNumberContext);
    SHEQU_ASSIGN_OR_RETURN(auto present, repository::worker_by_id_number(s, row.id_number_index));
    if (present) {
      return Error::conflict(
          {fmt::format("该身份证号已在社区工作者名册中（编号 {}），请为其增加岗位",
                       present->worker.id),
           fmt::format("this ID number is on the roster already (worker {}): add a post to it",
                       present->worker.id)});
    }
    row.worker = {.unit_code = input.unit_code,
                  .qualification = input.qualification,
                  .certificate_number = input.certificate_number,
                  .social_service = input.social_service,
                  .created_at = now};
    row.name_sealed = keyring_.seal(input.name, kNameContext);
    row.phone_sealed = keyring_.seal(input.phone, kPhoneContext);
    row.id_number_sealed = keyring_.seal(input.id_number, kIdNumberContext);
    const auto by = actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
    SHEQU_ASSIGN_OR_RETURN(row.worker.id, repository::insert_worker(s, row, by, now));
    Post post{.worker_id = row.worker.id,
              .unit_code = input.unit_code,
              .position = input.position,
              .started_on = input.started_on};
    SHEQU_ASSIGN_OR_RETURN(post.id, repository::insert_post(s, post, now));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRosterManage),
        {std::string(kAuditWorkerRegister), "workforce_worker", std::to_string(row.worker.id),
         "success", std::string(position_key(input.position)), input.unit_code}));
    return shown(row, {post});
  });
}

Result<org::Page<Worker>> RosterService::workers(const Actor& actor,
                                                 const std::optional<std::string>& unit,
                                                 std::optional<Position> position,
                                                 const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const std::vector<std::string> roots,
                         org_.list_roots(actor, kRosterRead, unit));
  const std::string day = today();
  return db_.read_value<org::Page<Worker>>([&](storage::Session& s) -> Result<org::Page<Worker>> {
    org::Page<Worker> out;
    SHEQU_ASSIGN_OR_RETURN(
        const std::vector<repository::WorkerRow> rows,
        repository::workers(s, roots, day, position, page.offset(), page.page_size, out.total));
    std::vector<int64_t> ids;
    for (const auto& row : rows) ids.push_back(row.worker.id);
    SHEQU_ASSIGN_OR_RETURN(const std::vector<Post> posts, repository::posts_of(s, ids));
    for (const auto& row : rows) {
      SHEQU_ASSIGN_OR_RETURN(Worker w, shown(row, posts));
      out.items.push_back(std::move(w));
    }
    return out;
  });
}

Result<std::vector<Worker>> RosterService::find(const Actor& actor,
                                                const std::string& id_number) const {
  std::vector<FieldError> problems;
  check_id_number(problems, id_number, today());
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return db_.write_value<std::vector<Worker>>(
      [&](storage::Session& s) -> Result<std::vector<Worker>> {
        std::vector<Worker> out;
        SHEQU_ASSIGN_OR_RETURN(auto row, repository::worker_by_id_number(
                                             s, keyring_.blind_index(id_number, kIdNumberContext)));
        if (row) {
          SHEQU_ASSIGN_OR_RETURN(std::vector<Post> posts,
                                 repository::posts_of(s, {row->worker.id}));
          // Outside the caller's units the search finds no one, as the list would not show them.
          if (reads(actor, kRosterRead, *row, posts)) {
            SHEQU_ASSIGN_OR_RETURN(Worker w, shown(*row, std::move(posts)));
            out.push_back(std::move(w));
          }
        }
        SHEQU_TRY(audit_.append(s, audit::who(actor, kRosterRead),
                                {std::string(kAuditWorkerSearch), "workforce_worker",
                                 out.empty() ? "" : std::to_string(out.front().id),
                                 out.empty() ? "not_found" : "success", "by ID number",
                                 out.empty() ? actor.unit_code : out.front().unit_code}));
        return out;
      });
}

Result<WorkerDetail> RosterService::worker(const Actor& actor, int64_t id) const {
  return db_.read_value<WorkerDetail>([&](storage::Session& s) -> Result<WorkerDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_worker(s, id));
    if (!row) return worker_not_found();
    SHEQU_ASSIGN_OR_RETURN(std::vector<Post> posts, repository::posts_of(s, {id}));
    if (!reads(actor, kRosterRead, *row, posts)) return worker_not_found();
    WorkerDetail detail;
    detail.posts = posts;
    std::reverse(detail.posts.begin(), detail.posts.end());
    SHEQU_ASSIGN_OR_RETURN(detail.worker, shown(*row, std::move(posts)));
    SHEQU_ASSIGN_OR_RETURN(detail.training, repository::training_of(s, id));
    return detail;
  });
}

Result<Worker> RosterService::change(const Actor& actor, int64_t id,
                                     const WorkerChange& change) const {
  std::vector<FieldError> problems;
  if (change.phone) add_problems(problems, privacy::validate_mobile(*change.phone, "phone"));
  check_qualification(problems, change.qualification, change.certificate_number);
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Worker>([&](storage::Session& s) -> Result<Worker> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_worker(s, id, true));
    if (!row) return worker_not_found();
    SHEQU_ASSIGN_OR_RETURN(std::vector<Post> posts, repository::posts_of(s, {id}));
    if (!reads(actor, kRosterManage, *row, posts)) return worker_not_found();
    row->worker.qualification = change.qualification;
    row->worker.certificate_number = change.certificate_number;
    row->worker.social_service = change.social_service;
    if (change.phone) row->phone_sealed = keyring_.seal(*change.phone, kPhoneContext);
    SHEQU_ASSIGN_OR_RETURN(const bool changed,
                           repository::update_worker(s, id, change.version, *row, now));
    if (!changed) {
      return Error::conflict({"该记录已被他人修改，请刷新后重试",
                              "someone changed this worker meanwhile: reload and try again"});
    }
    ++row->worker.version;
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRosterManage),
        {std::string(kAuditWorkerChange), "workforce_worker", std::to_string(id), "success",
         std::string(qualification_key(change.qualification)), row->worker.unit_code}));
    return shown(*row, std::move(posts));
  });
}

Result<Post> RosterService::start_post(const Actor& actor, int64_t worker_id,
                                       const std::string& unit_code, Position position,
                                       const std::string& started_on) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, unit_code));
  SHEQU_TRY(org_.in_scope(actor, kRosterManage, unit_code));
  std::vector<FieldError> problems;
  if (!post_fits(position, unit.unit)) problems.push_back({"position", post_misfit(position)});
  if (started_on > today()) {
    problems.push_back({"startedOn", {"任职日期不能晚于今天", "a post cannot start after today"}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Post>([&](storage::Session& s) -> Result<Post> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_worker(s, worker_id, true));
    if (!row) return worker_not_found();
    SHEQU_ASSIGN_OR_RETURN(const std::vector<Post> posts, repository::posts_of(s, {worker_id}));
    if (!reads(actor, kRosterRead, *row, posts)) return worker_not_found();
    for (const Post& p : posts) {
      // A post that has not ended by the new one's start overlaps it.
      const bool overlaps = !p.ended_on || *p.ended_on >= started_on;
      if (!overlaps) continue;
      if (is_main_post(position) && is_main_post(p.position)) {
        const Text held = position_label(p.position);
        // Named, not coded: the person reading it must know where to end the other post.
        const auto where = org_.tree().find(p.unit_code);
        const std::string place = where ? where->unit.name : p.unit_code;
        return Error::conflict(
            {fmt::format("该工作者自 {} 起在{}担任{}，同一时间只能有一个专职岗位，请先办理离任",
                         p.started_on, place, held.zh),
             fmt::format("the worker holds a full-time post ({}) at {} since {}: end it first",
                         held.en, place, p.started_on)});
      }
      if (p.position == position && p.unit_code == unit_code) {
        return Error::conflict({"该工作者已在本单位担任此岗位", "the worker holds this post here"});
      }
    }
    Post post{.worker_id = worker_id,
              .unit_code = unit_code,
              .position = position,
              .started_on = started_on};
    SHEQU_ASSIGN_OR_RETURN(post.id, repository::insert_post(s, post, now));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRosterManage),
        {std::string(kAuditPostStart), "workforce_worker", std::to_string(worker_id), "success",
         fmt::format("{} from {}", position_key(position), started_on), unit_code}));
    return post;
  });
}

Result<Post> RosterService::end_post(const Actor& actor, int64_t worker_id, int64_t post_id,
                                     const std::string& ended_on) const {
  const std::string day = today();
  return db_.write_value<Post>([&](storage::Session& s) -> Result<Post> {
    SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_worker(s, worker_id, true));
    if (!row) return worker_not_found();
    SHEQU_ASSIGN_OR_RETURN(const std::vector<Post> posts, repository::posts_of(s, {worker_id}));
    if (!reads(actor, kRosterRead, *row, posts)) return worker_not_found();
    const auto found =
        std::find_if(posts.begin(), posts.end(), [&](const Post& p) { return p.id == post_id; });
    if (found == posts.end() || !org_.covers(actor, kRosterManage, found->unit_code)) {
      return Error::not_found({"未找到该岗位", "no such post"});
    }
    if (found->ended_on) {
      return Error::conflict({fmt::format("该岗位已于 {} 离任", *found->ended_on),
                              fmt::format("the post ended on {}", *found->ended_on)});
    }
    if (ended_on < found->started_on || ended_on > day) {
      return Error::invalid(
          "endedOn",
          {fmt::format("离任日期应在任职日期 {} 至今天之间", found->started_on),
           fmt::format("a post ends between its start {} and today", found->started_on)});
    }
    SHEQU_TRY(repository::end_post(s, post_id, ended_on));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRosterManage),
        {std::string(kAuditPostEnd), "workforce_worker", std::to_string(worker_id), "success",
         fmt::format("{} until {}", position_key(found->position), ended_on), found->unit_code}));
    Post ended = *found;
    ended.ended_on = ended_on;
    return ended;
  });
}

Result<RosterStanding> RosterService::standing(const std::vector<std::string>& roots,
                                               int year) const {
  const std::string year_start = fmt::format("{:04d}-01-01", year);
  const std::string day = std::min(fmt::format("{:04d}-12-31", year), today());
  return db_.read_value<RosterStanding>([&](storage::Session& s) -> Result<RosterStanding> {
    SHEQU_ASSIGN_OR_RETURN(const RosterInput input,
                           repository::roster_input(s, roots, year_start, day));
    return assess(input);
  });
}

Result<org::Page<TrainingNeed>> RosterService::training_needs(
    const Actor& actor, const std::optional<std::string>& unit, int year,
    const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const std::vector<std::string> roots,
                         org_.list_roots(actor, kRosterRead, unit));
  if (roots.empty()) return org::Page<TrainingNeed>{};
  SHEQU_ASSIGN_OR_RETURN(RosterStanding standing, this->standing(roots, year));
  std::vector<Standing> needing;
  for (Standing& w : standing.workers) {
    if (!w.needs.empty()) needing.push_back(std::move(w));
  }
  std::sort(needing.begin(), needing.end(), [](const Standing& a, const Standing& b) {
    return std::tie(a.unit_code, a.worker_id) < std::tie(b.unit_code, b.worker_id);
  });
  org::Page<TrainingNeed> out;
  out.total = static_cast<int64_t>(needing.size());
  const auto first = std::min<std::size_t>(needing.size(), page.offset());
  const auto last = std::min<std::size_t>(needing.size(), first + page.page_size);
  SHEQU_TRY(db_.read([&](storage::Session& s) -> Status {
    std::vector<int64_t> ids;
    for (std::size_t i = first; i < last; ++i) ids.push_back(needing[i].worker_id);
    SHEQU_ASSIGN_OR_RETURN(const std::vector<Post> posts, repository::posts_of(s, ids));
    for (std::size_t i = first; i < last; ++i) {
      SHEQU_ASSIGN_OR_RETURN(auto row, repository::find_worker(s, needing[i].worker_id));
      if (!row) continue;
      SHEQU_ASSIGN_OR_RETURN(Worker w, shown(*row, posts));
      out.items.push_back({std::move(w), std::move(needing[i])});
    }
    return Status{};
  }));
  return out;
}

Result<std::vector<kit::UnitCounts>> RosterService::indicator_counts(std::string_view indicator,
                                                                     const std::string& first_day,
                                                                     const std::string&) const {
  SHEQU_ASSIGN_OR_RETURN(const RosterStanding standing,
                         this->standing({}, std::stoi(first_day.substr(0, 4))));
  return workforce::indicator_counts(indicator, standing, org_.tree());
}

}  // namespace shequ::workforce
