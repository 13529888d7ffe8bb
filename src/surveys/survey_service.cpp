#include "surveys/survey_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "common/strings.hpp"
#include "residents/account_person.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_repository.hpp"
#include "surveys/declaration.hpp"
#include "surveys/survey_repository.hpp"

namespace shequ::surveys {

namespace {

Error survey_not_found() {
  return Error::not_found({"满意度调查", "survey"});
}

Error changed_since() {
  return Error::conflict(
      {"问卷已被他人修改，请刷新后重试", "the survey was changed meanwhile; reload and try again"});
}

std::optional<int64_t> account_of(const Actor& actor) {
  return actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
}

void write_input(Survey& v, const SurveyInput& in) {
  v.unit_code = in.unit;
  v.title = in.title;
  v.description = in.description;
  v.anonymous = in.anonymous;
  v.per = in.per;
  v.target = in.target;
  v.opens_at = in.opens_at;
  v.closes_at = in.closes_at;
}

// A response's id: random and below 2^53 (JavaScript's exact integers), so that nothing in an
// anonymous survey orders responses against participants or the audit log.
int64_t random_response_id() {
  uint64_t bits = 0;
  randombytes_buf(&bits, sizeof bits);
  return static_cast<int64_t>(bits & ((uint64_t{1} << 53) - 1)) | 1;
}

// Who answers: one response per person or per household.
std::string respondent_key(const Survey& survey, int64_t person,
                           const std::optional<int64_t>& household) {
  if (survey.per == kPerHousehold && household) return fmt::format("h{}", *household);
  return fmt::format("p{}", person);
}

// The rating questions' sums and the options' counts of some responses, by question.
struct Tally {
  std::map<std::string, int64_t> answered;
  std::map<std::string, RatingSums> ratings;
  std::map<std::pair<std::string, std::string>, int64_t> options;  // (question, choice)
};

Tally tally(const std::vector<repository::UnitQuestionSums>& sums,
            const std::vector<repository::UnitOptionCount>& counts,
            const std::function<bool(const std::string&)>& from) {
  Tally t;
  for (const auto& q : sums) {
    if (!from(q.unit)) continue;
    t.answered[q.question] += q.answered;
    RatingSums& r = t.ratings[q.question];
    r.n += q.ratings;
    r.sum += q.rating_sum;
    r.sum_of_squares += q.rating_squares;
  }
  for (const auto& c : counts) {
    if (from(c.unit)) t.options[{c.question, c.choice}] += c.count;
  }
  return t;
}

std::vector<QuestionResult> question_results(const std::vector<Question>& questions,
                                             const Tally& t) {
  std::vector<QuestionResult> out;
  for (const Question& q : questions) {
    QuestionResult r;
    r.question = q;
    const auto answered = t.answered.find(q.id);
    r.answered = answered == t.answered.end() ? 0 : answered->second;
    const auto count_of = [&](const std::string& choice) {
      const auto at = t.options.find({q.id, choice});
      return at == t.options.end() ? int64_t{0} : at->second;
    };
    if (q.kind == kSingle || q.kind == kMultiple) {
      for (const Option& o : q.options) {
        OptionResult option{o, count_of(o.id), 0, {0, 0}};
        if (r.answered > 0) {
          option.share = static_cast<double>(option.count) / static_cast<double>(r.answered);
          option.interval = wilson_interval(option.count, r.answered);
        }
        r.options.push_back(std::move(option));
      }
    } else if (q.kind == kRating) {
      for (int64_t v = kMinRating; v <= kMaxRating; ++v) {
        r.rating_counts.push_back(count_of(std::to_string(v)));
      }
      const auto sums = t.ratings.find(q.id);
      if (sums != t.ratings.end() && sums->second.n > 0) {
        r.rating = estimate_mean(sums->second, kMinRating, kMaxRating);
      }
    } else {
      r.texts_total = r.answered;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

SurveyService::SurveyService(const org::OrgService& org, storage::Database& db,
                             const audit::Log& audit, const Clock& clock,
                             const privacy::Keyring& keyring)
    : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring) {}

Result<SurveyInput> SurveyService::validated(const Actor& actor, const SurveyInput& input) const {
  // Outside the caller's scope the unit is not there (404), whatever else is wrong.
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kSurveyWrite, input.unit));
  std::vector<FieldError> errors;
  SurveyInput out = input;
  out.title = checked_text(input.title, "title", kMaxTitle, true, errors);
  out.description = checked_text(input.description, "description", kMaxDescription, false, errors);
  const org::Level level = unit.unit.level;
  if (level < org::Level::county || level > org::Level::village) {
    errors.push_back({"unit",
                      {"满意度调查由区县、乡镇（街道）或村（社区）开展",
                       "a county, township, village or community runs a survey"}});
  }
  if (input.per != kPerResident && input.per != kPerHousehold) {
    errors.push_back({"per", {"应为每人一份或每户一份", "resident or household"}});
  }
  out.target.clear();
  if (input.target.empty()) {
    errors.push_back({"target", {"请选择调查范围", "choose the units it is for"}});
  } else if (input.target.size() > kMaxTargets) {
    errors.push_back({"target",
                      {fmt::format("范围最多 {} 个单位", kMaxTargets),
                       fmt::format("at most {} units", kMaxTargets)}});
  }
  for (std::size_t i = 0; i < input.target.size() && i < kMaxTargets; ++i) {
    const std::string& code = input.target[i];
    const auto found = org_.unit(code);
    const bool fits = found && found->unit.level >= org::Level::county &&
                      found->unit.level <= org::Level::village &&
                      org_.tree().contains(input.unit, code);
    if (!fits) {
      errors.push_back({fmt::format("target[{}]", i),
                        {"应为本单位或其下的乡镇（街道）、村（社区）",
                         "the unit itself or a township, village or community below it"}});
    } else if (std::find(out.target.begin(), out.target.end(), code) == out.target.end()) {
      out.target.push_back(code);
    }
  }
  std::sort(out.target.begin(), out.target.end());
  const auto opens = parse_timestamp(input.opens_at);
  const auto closes = parse_timestamp(input.closes_at);
  if (!opens) errors.push_back({"opensAt", {"不是有效的时间", "not a time"}});
  if (!closes) {
    errors.push_back({"closesAt", {"不是有效的时间", "not a time"}});
  } else if (opens && *closes <= *opens) {
    errors.push_back({"closesAt", {"应晚于开始时间", "must be after the opening"}});
  } else if (*closes <= clock_.now()) {
    errors.push_back({"closesAt", {"结束时间已过", "already past"}});
  } else if (opens && *closes - *opens > std::chrono::days(kMaxOpenDays)) {
    errors.push_back({"closesAt",
                      {fmt::format("调查时间最长 {} 天", kMaxOpenDays),
                       fmt::format("at most {} days", kMaxOpenDays)}});
  }
  if (opens) out.opens_at = format_timestamp(*opens);
  if (closes) out.closes_at = format_timestamp(*closes);
  auto questions = checked_questions(input.questions);
  if (!questions) {
    errors.insert(errors.end(), questions.error().details.begin(), questions.error().details.end());
  } else {
    out.questions = std::move(*questions);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

Result<SurveyView> SurveyService::view_of(storage::Session& s, Survey survey) const {
  SurveyView view;
  const auto unit = org_.unit(survey.unit_code);
  view.unit_name = unit ? unit->unit.name : survey.unit_code;
  view.phase = phase(survey, format_timestamp(clock_.now()));
  if (survey.current_version == 0) {
    view.questions = survey.draft;
  } else {
    SHEQU_ASSIGN_OR_RETURN(view.versions, repository::versions(s, survey.id));
    for (const QuestionsVersion& v : view.versions) {
      view.responses += v.responses;
      if (v.number == survey.current_version) view.questions = v.questions;
    }
  }
  view.survey = std::move(survey);
  return view;
}

bool SurveyService::reaches(const Survey& survey, const std::string& code) const {
  return std::any_of(survey.target.begin(), survey.target.end(),
                     [&](const std::string& t) { return org_.tree().contains(t, code); });
}

Result<Survey> SurveyService::visible(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto survey, repository::find_survey(s, id));
  if (!survey) return survey_not_found();
  if (org_.covers(actor, kSurveyRead, survey->unit_code)) return *survey;
  // Those whose area it reaches: a community sees the county's survey of its residents.
  for (const std::string& root : actor.roots_for(kSurveyRead)) {
    if (reaches(*survey, root)) return *survey;
    for (const std::string& t : survey->target) {
      if (org_.tree().contains(root, t)) return *survey;
    }
  }
  return survey_not_found();
}

Result<SurveyView> SurveyService::create(const Actor& actor, const SurveyInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const SurveyInput in, validated(actor, input));
  const std::string now = format_timestamp(clock_.now());
  Survey v;
  write_input(v, in);
  v.draft = in.questions;
  v.status = std::string(kDraft);
  v.created_by = account_of(actor);
  v.created_by_name = actor.username;
  v.created_at = now;
  v.updated_at = now;
  return db_.write_value<SurveyView>([&](storage::Session& s) -> Result<SurveyView> {
    SHEQU_ASSIGN_OR_RETURN(v.id, repository::insert_survey(s, v));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kSurveyWrite),
        {std::string(kAuditCreate), "survey", std::to_string(v.id), "success", "", v.unit_code}));
    return view_of(s, v);
  });
}

Result<SurveyView> SurveyService::update(const Actor& actor, int64_t id, int64_t version,
                                         const SurveyInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const SurveyInput in, validated(actor, input));
  return db_.write_value<SurveyView>([&](storage::Session& s) -> Result<SurveyView> {
    SHEQU_ASSIGN_OR_RETURN(Survey v, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kSurveyWrite, v.unit_code));
    const std::string now = format_timestamp(clock_.now());
    if (phase(v, now) == "closed") {
      return Error::conflict({"调查已结束，不能修改", "the survey is closed"});
    }
    std::string detail;
    if (v.status == kDraft) {
      write_input(v, in);
      v.draft = in.questions;
    } else {
      // What residents were told when it went out stays as it was.
      std::vector<FieldError> fixed;
      const Text kept{"问卷发布后不能修改此项", "cannot change once published"};
      if (in.unit != v.unit_code) fixed.push_back({"unit", kept});
      if (in.anonymous != v.anonymous) fixed.push_back({"anonymous", kept});
      if (in.per != v.per) fixed.push_back({"per", kept});
      if (in.target != v.target) fixed.push_back({"target", kept});
      if (in.opens_at != v.opens_at) fixed.push_back({"opensAt", kept});
      if (!fixed.empty()) return Error::invalid(std::move(fixed));
      v.title = in.title;
      v.description = in.description;
      v.closes_at = in.closes_at;
      SHEQU_ASSIGN_OR_RETURN(const SurveyView current, view_of(s, v));
      if (current.questions != in.questions) {
        v.current_version += 1;
        SHEQU_TRY(repository::insert_version(s, v.id, {v.current_version, in.questions, now, 0}));
        detail = fmt::format("questions version {}", v.current_version);
      }
    }
    v.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_survey(s, v, version));
    if (!changed) return changed_since();
    v.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kSurveyWrite),
                            {std::string(kAuditUpdate), "survey", std::to_string(v.id), "success",
                             detail, v.unit_code}));
    return view_of(s, v);
  });
}

Result<SurveyView> SurveyService::publish(const Actor& actor, int64_t id, int64_t version) const {
  return db_.write_value<SurveyView>([&](storage::Session& s) -> Result<SurveyView> {
    SHEQU_ASSIGN_OR_RETURN(Survey v, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kSurveyWrite, v.unit_code));
    if (v.status != kDraft) {
      return Error::conflict({"问卷已发布", "the survey is already published"});
    }
    const std::string now = format_timestamp(clock_.now());
    if (v.closes_at <= now) {
      return Error::invalid("closesAt", {"结束时间已过，不能发布", "its closing time is past"});
    }
    SHEQU_ASSIGN_OR_RETURN(const auto eligible,
                           repository::eligible_by_unit(s, v.target, v.per == kPerHousehold));
    if (eligible.empty()) {
      return Error::invalid("target",
                            {"调查范围内没有登记的居民", "nobody is registered in its target"});
    }
    SHEQU_ASSIGN_OR_RETURN(const auto questions, checked_questions(v.draft));
    v.status = std::string(kPublished);
    v.current_version = 1;
    v.published_at = now;
    v.updated_at = now;
    SHEQU_TRY(repository::insert_version(s, v.id, {1, questions, now, 0}));
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_survey(s, v, version));
    if (!changed) return changed_since();
    v.version = version + 1;
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kSurveyWrite),
        {std::string(kAuditPublish), "survey", std::to_string(v.id), "success", "", v.unit_code}));
    return view_of(s, v);
  });
}

Result<SurveyView> SurveyService::close(const Actor& actor, int64_t id, int64_t version) const {
  return db_.write_value<SurveyView>([&](storage::Session& s) -> Result<SurveyView> {
    SHEQU_ASSIGN_OR_RETURN(Survey v, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kSurveyWrite, v.unit_code));
    if (v.status != kPublished) {
      return Error::conflict(v.status == kDraft
                                 ? Text{"草稿未发布，无需结束", "a draft was never published"}
                                 : Text{"调查已结束", "the survey is closed already"});
    }
    const std::string now = format_timestamp(clock_.now());
    v.status = std::string(kClosed);
    v.closed_at = now;
    v.updated_at = now;
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_survey(s, v, version));
    if (!changed) return changed_since();
    v.version = version + 1;
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kSurveyWrite),
        {std::string(kAuditClose), "survey", std::to_string(v.id), "success", "", v.unit_code}));
    return view_of(s, v);
  });
}

Result<SurveyView> SurveyService::find(const Actor& actor, int64_t id) const {
  return db_.read_value<SurveyView>([&](storage::Session& s) -> Result<SurveyView> {
    SHEQU_ASSIGN_OR_RETURN(Survey v, visible(s, actor, id));
    return view_of(s, std::move(v));
  });
}

Result<org::Page<SurveyView>> SurveyService::list(const Actor& actor, const std::string& phase,
                                                  const org::PageRequest& page) const {
  const std::vector<std::string> roots = actor.roots_for(kSurveyRead);
  // A survey of a unit above reaches into the caller's scope when it targets one of the units on
  // the way down to it.
  std::vector<std::string> above;
  for (const std::string& root : roots) {
    for (const org::UnitView& a : org_.tree().ancestors(root)) above.push_back(a.unit.code);
  }
  std::sort(above.begin(), above.end());
  above.erase(std::unique(above.begin(), above.end()), above.end());
  const std::string now = format_timestamp(clock_.now());
  return db_.read_value<org::Page<SurveyView>>(
      [&](storage::Session& s) -> Result<org::Page<SurveyView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found,
                               repository::list_surveys(s, roots, above, phase, now, page));
        org::Page<SurveyView> out;
        out.total = found.total;
        for (Survey& v : found.items) {
          SHEQU_ASSIGN_OR_RETURN(SurveyView view, view_of(s, std::move(v)));
          out.items.push_back(std::move(view));
        }
        return out;
      });
}

Result<Results> SurveyService::results(const Actor& actor, int64_t id, const std::string& unit,
                                       int64_t version) const {
  return db_.read_value<Results>([&](storage::Session& s) -> Result<Results> {
    SHEQU_ASSIGN_OR_RETURN(Survey v, visible(s, actor, id));
    Results out;
    // The unit: the one asked for, in scope and concerned by the survey; by default the survey's
    // own unit, or the caller's first unit it concerns.
    const auto concerns = [&](const std::string& code) {
      return reaches(v, code) ||
             std::any_of(v.target.begin(), v.target.end(),
                         [&](const std::string& t) { return org_.tree().contains(code, t); });
    };
    if (!unit.empty()) {
      SHEQU_TRY(org_.unit(actor, unit));
      SHEQU_TRY(org_.in_scope(actor, kSurveyRead, unit));
      if (!concerns(unit)) {
        return Error::invalid("unit",
                              {"调查范围不包括这个单位", "the survey is not for this unit"});
      }
      out.unit = unit;
    } else if (org_.covers(actor, kSurveyRead, v.unit_code)) {
      out.unit = v.unit_code;
    } else {
      for (const std::string& root : actor.roots_for(kSurveyRead)) {
        if (concerns(root)) {
          out.unit = root;
          break;
        }
      }
    }
    const auto unit_view = org_.unit(out.unit);
    out.unit_name = unit_view ? unit_view->unit.name : out.unit;
    if (version < 0 || version > v.current_version) {
      return Error::invalid("questionsVersion", {"没有这个问卷版本", "no such version"});
    }
    out.questions_version = version == 0 ? v.current_version : version;
    SHEQU_ASSIGN_OR_RETURN(out.survey, view_of(s, v));
    std::vector<Question> questions = out.survey.questions;
    for (const QuestionsVersion& qv : out.survey.versions) {
      if (qv.number == out.questions_version) questions = qv.questions;
    }
    // The subtrees counted: the target's units within the chosen unit, or the unit itself when a
    // target unit holds it.
    std::vector<std::string> roots;
    for (const std::string& t : v.target) {
      if (org_.tree().contains(out.unit, t)) roots.push_back(t);
      if (org_.tree().contains(t, out.unit)) roots.push_back(out.unit);
    }
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());

    const int64_t number = out.questions_version;
    SHEQU_ASSIGN_OR_RETURN(const auto responses,
                           repository::responses_by_unit(s, v.id, number, roots));
    SHEQU_ASSIGN_OR_RETURN(const auto sums, repository::question_sums(s, v.id, number, roots));
    SHEQU_ASSIGN_OR_RETURN(const auto counts, repository::option_counts(s, v.id, number, roots));
    SHEQU_ASSIGN_OR_RETURN(const auto eligible,
                           repository::eligible_by_unit(s, roots, v.per == kPerHousehold));
    for (const auto& [u, n] : responses) out.responses += n;
    for (const auto& [u, n] : eligible) out.eligible += n;
    out.questions =
        question_results(questions, tally(sums, counts, [](const std::string&) { return true; }));
    for (QuestionResult& q : out.questions) {
      if (q.question.kind != kText || q.answered == 0) continue;
      SHEQU_ASSIGN_OR_RETURN(q.texts,
                             repository::texts(s, v.id, number, q.question.id, roots, kTextsShown));
    }
    // The children of the unit that the counted subtrees reach (grids hold no responses).
    const auto children = org_.tree().children(out.unit, {1, 100000});
    if (!children) return out;
    for (const org::UnitView& child : children->items) {
      const std::string& code = child.unit.code;
      if (child.unit.level == org::Level::grid) continue;
      const bool reached = std::any_of(roots.begin(), roots.end(), [&](const std::string& r) {
        return org_.tree().contains(r, code) || org_.tree().contains(code, r);
      });
      if (!reached) continue;
      const auto within = [&](const std::string& u) { return org_.tree().contains(code, u); };
      UnitResult line{code, child.unit.name, 0, 0, {}};
      for (const auto& [u, n] : responses) line.responses += within(u) ? n : 0;
      for (const auto& [u, n] : eligible) line.eligible += within(u) ? n : 0;
      for (const QuestionResult& q : question_results(questions, tally(sums, counts, within))) {
        if (q.rating) line.ratings.push_back({q.question.id, *q.rating});
      }
      out.units.push_back(std::move(line));
    }
    return out;
  });
}

Result<std::vector<Results>> SurveyService::year_results(const Actor& actor,
                                                         const std::string& unit, int year) const {
  std::vector<std::string> above;
  for (const org::UnitView& a : org_.tree().ancestors(unit)) above.push_back(a.unit.code);
  const std::string from = format_timestamp(china_day_start(fmt::format("{}-01-01", year)));
  const std::string until = format_timestamp(china_day_end(fmt::format("{}-12-31", year)));
  SHEQU_ASSIGN_OR_RETURN(const auto found, db_.read_value<org::Page<Survey>>([&](storage::Session&
                                                                                     s) {
    return repository::list_surveys(s, {unit}, above, "", format_timestamp(clock_.now()), {1, 200});
  }));
  std::vector<Results> out;
  for (auto v = found.items.rbegin(); v != found.items.rend(); ++v) {
    if (v->status == kDraft || v->opens_at < from || v->opens_at >= until) continue;
    auto r = results(actor, v->id, unit, 0);
    if (!r) {
      if (r.error().code == ErrorCode::not_found || r.error().code == ErrorCode::forbidden) {
        continue;
      }
      return r.error();
    }
    out.push_back(std::move(*r));
  }
  return out;
}

Result<std::vector<ResultRow>> SurveyService::result_rows(const Actor& actor, int64_t id,
                                                          const std::string& unit, int64_t version,
                                                          Locale locale) const {
  SHEQU_ASSIGN_OR_RETURN(const Results r, results(actor, id, unit, version));
  std::vector<ResultRow> out;
  const Text mean_label{"平均分", "mean rating"};
  const Text answered_label{"作答人数", "answered"};
  for (const QuestionResult& q : r.questions) {
    const auto row = [&](std::string answer, int64_t count) {
      ResultRow line;
      line.unit = r.unit;
      line.unit_name = r.unit_name;
      line.question = q.question.id;
      line.question_title = q.question.title;
      line.answer = std::move(answer);
      line.count = count;
      return line;
    };
    for (const OptionResult& o : q.options) {
      ResultRow line = row(o.option.label, o.count);
      if (q.answered > 0) {
        line.share = o.share;
        line.interval = o.interval;
      }
      out.push_back(std::move(line));
    }
    if (q.question.kind == kRating) {
      ResultRow line = row(mean_label.in(locale), q.rating ? q.rating->n : 0);
      if (q.rating) {
        line.mean = q.rating->mean;
        line.interval = q.rating->interval;
      }
      out.push_back(std::move(line));
    }
    if (q.question.kind == kText) out.push_back(row(answered_label.in(locale), q.answered));
  }
  // The children's rating means, for comparing them.
  for (const UnitResult& u : r.units) {
    for (const UnitRating& rating : u.ratings) {
      ResultRow line;
      line.unit = u.unit;
      line.unit_name = u.unit_name;
      line.question = rating.question;
      for (const QuestionResult& q : r.questions) {
        if (q.question.id == rating.question) line.question_title = q.question.title;
      }
      line.answer = mean_label.in(locale);
      line.count = rating.estimate.n;
      line.mean = rating.estimate.mean;
      line.interval = rating.estimate.interval;
      out.push_back(std::move(line));
    }
  }
  return out;
}

Status SurveyService::submit(storage::Session& s, const Actor& actor, std::string_view permission,
                             const Survey& survey, const Respondent& who,
                             const std::string& channel, const std::vector<Answer>& answers) const {
  const auto now = clock_.now();
  const std::string at = phase(survey, format_timestamp(now));
  if (at == "draft" || at == "scheduled") {
    return Error::conflict({"调查尚未开始", "the survey has not opened yet"});
  }
  if (at == "closed") return Error::conflict({"调查已结束", "the survey is closed"});
  SHEQU_ASSIGN_OR_RETURN(const auto versions, repository::versions(s, survey.id));
  std::vector<Question> questions;
  for (const QuestionsVersion& v : versions) {
    if (v.number == survey.current_version) questions = v.questions;
  }
  SHEQU_ASSIGN_OR_RETURN(const std::vector<Answer> clean, checked_answers(questions, answers));
  SHEQU_ASSIGN_OR_RETURN(
      const bool first, repository::add_participant(
                            s, survey.id, respondent_key(survey, who.person_id, who.household_id)));
  if (!first) {
    return Error::conflict(survey.per == kPerHousehold
                               ? Text{"这一户已经提交过问卷", "this household has answered already"}
                               : Text{"已经提交过问卷", "already answered"});
  }
  repository::Response response;
  response.survey_id = survey.id;
  response.version_number = survey.current_version;
  response.unit_code = who.unit_code;
  if (!survey.anonymous) response.person_id = who.person_id;
  response.channel = channel;
  response.received_on = china_date(now);
  for (int attempt = 0;; ++attempt) {
    response.id = random_response_id();
    SHEQU_ASSIGN_OR_RETURN(const bool stored, repository::insert_response(s, response, clean));
    if (stored) break;
    if (attempt == 3) return Error::internal("no free response id after four draws");
  }
  // The survey, never the response: in an anonymous survey the log links nobody to answers.
  return audit_.append(s, audit::who(actor, permission),
                       {std::string(kAuditSubmit), "survey", std::to_string(survey.id), "success",
                        channel, who.unit_code});
}

Status SurveyService::collect(const Actor& actor, int64_t id, int64_t person,
                              const std::vector<Answer>& answers) const {
  return db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(Survey v, visible(s, actor, id));
    SHEQU_ASSIGN_OR_RETURN(const auto found, residents::repository::find_person(s, person));
    if (!found || !found->household_id || found->anonymised_at ||
        !org_.covers(actor, kResponseCollect, found->grid_code)) {
      return Error::not_found({"居民", "resident"});
    }
    if (!reaches(v, found->unit_code)) {
      return Error::invalid("person", {"这位居民不在调查范围内", "the survey is not for them"});
    }
    return submit(s, actor, kResponseCollect, v,
                  {found->id, found->household_id, found->unit_code, found->grid_code}, "staff",
                  answers);
  });
}

Result<std::optional<SurveyService::Respondent>> SurveyService::respondent_of(
    storage::Session& s, const Actor& actor) const {
  using Found = std::optional<Respondent>;
  SHEQU_ASSIGN_OR_RETURN(const auto person,
                         residents::person_of_account(s, keyring_, org_.tree(), actor.user_id));
  if (!person) return Found();
  return Found(Respondent{person->id, person->household_id, person->unit_code, person->grid_code});
}

Result<ResidentSurveys> SurveyService::mine(const Actor& actor) const {
  return db_.read_value<ResidentSurveys>([&](storage::Session& s) -> Result<ResidentSurveys> {
    ResidentSurveys out;
    SHEQU_ASSIGN_OR_RETURN(const auto who, respondent_of(s, actor));
    if (!who) return out;
    out.linked = true;
    std::vector<std::string> units{who->unit_code};
    for (const org::UnitView& a : org_.tree().ancestors(who->unit_code)) {
      units.push_back(a.unit.code);
    }
    SHEQU_ASSIGN_OR_RETURN(auto surveys,
                           repository::surveys_for(s, units, format_timestamp(clock_.now())));
    std::vector<int64_t> ids;
    for (const Survey& v : surveys) ids.push_back(v.id);
    std::vector<std::string> keys{fmt::format("p{}", who->person_id)};
    if (who->household_id) keys.push_back(fmt::format("h{}", *who->household_id));
    SHEQU_ASSIGN_OR_RETURN(const auto answered, repository::answered(s, ids, keys));
    for (Survey& v : surveys) {
      const bool done = answered.count(v.id) > 0;
      SHEQU_ASSIGN_OR_RETURN(SurveyView view, view_of(s, std::move(v)));
      out.items.push_back({std::move(view), done});
    }
    return out;
  });
}

Result<ResidentSurvey> SurveyService::open_mine(const Actor& actor, int64_t id) const {
  return db_.read_value<ResidentSurvey>([&](storage::Session& s) -> Result<ResidentSurvey> {
    SHEQU_ASSIGN_OR_RETURN(const auto who, respondent_of(s, actor));
    SHEQU_ASSIGN_OR_RETURN(auto survey, repository::find_survey(s, id));
    if (!who || !survey || survey->status == kDraft || !reaches(*survey, who->unit_code)) {
      return survey_not_found();
    }
    std::vector<std::string> keys{fmt::format("p{}", who->person_id)};
    if (who->household_id) keys.push_back(fmt::format("h{}", *who->household_id));
    SHEQU_ASSIGN_OR_RETURN(const auto answered, repository::answered(s, {id}, keys));
    SHEQU_ASSIGN_OR_RETURN(SurveyView view, view_of(s, std::move(*survey)));
    return ResidentSurvey{std::move(view), !answered.empty()};
  });
}

Status SurveyService::answer(const Actor& actor, int64_t id,
                             const std::vector<Answer>& answers) const {
  return db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(const auto who, respondent_of(s, actor));
    SHEQU_ASSIGN_OR_RETURN(auto survey, repository::find_survey(s, id));
    if (!who || !survey || survey->status == kDraft || !reaches(*survey, who->unit_code)) {
      return survey_not_found();
    }
    return submit(s, actor, kSurveyAnswer, *survey, *who, "h5", answers);
  });
}

Result<std::vector<kit::UnitCounts>> SurveyService::indicator_counts(
    const std::string& first_day, const std::string& last_day) const {
  return db_.read_value<std::vector<kit::UnitCounts>>([&](storage::Session& s)
                                                          -> Result<std::vector<kit::UnitCounts>> {
    SHEQU_ASSIGN_OR_RETURN(const auto targets, repository::targets_open_between(
                                                   s, format_timestamp(china_day_start(first_day)),
                                                   format_timestamp(china_day_end(last_day))));
    SHEQU_ASSIGN_OR_RETURN(const auto responded,
                           repository::units_with_responses(s, first_day, last_day));
    std::set<std::string> villages;
    const std::function<void(const std::string&)> collect_villages = [&](const std::string& code) {
      const auto found = org_.tree().find(code);
      if (!found) return;
      if (found->unit.level == org::Level::village) {
        villages.insert(code);
        return;
      }
      const auto children = org_.tree().children(code, {1, 100000});
      if (!children) return;
      for (const org::UnitView& child : children->items) {
        if (child.unit.level <= org::Level::village) collect_villages(child.unit.code);
      }
    };
    for (const std::string& t : targets) collect_villages(t);
    std::vector<kit::UnitCounts> out;
    for (const std::string& v : villages) out.push_back({v, responded.count(v) ? 1 : 0, 0});
    return out;
  });
}

}  // namespace shequ::surveys
