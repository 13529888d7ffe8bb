// Surveys as stored and the rules of their questions and answers. The checks are pure functions,
// so that the service, the demo and the unit tests apply the same rules case by case.
//
// Thread-safe: plain data and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"

namespace shequ::surveys {

inline constexpr std::size_t kMaxQuestions = 50;
inline constexpr std::size_t kMaxOptions = 20;
inline constexpr std::size_t kMaxKey = 20;
inline constexpr std::size_t kMaxQuestionTitle = 200;
inline constexpr std::size_t kMaxOptionLabel = 100;
inline constexpr std::size_t kMaxAnswerText = 1000;
inline constexpr int64_t kMinRating = 1;
inline constexpr int64_t kMaxRating = 5;

// single, multiple, rating (1 to 5), text.
inline constexpr std::string_view kSingle = "single";
inline constexpr std::string_view kMultiple = "multiple";
inline constexpr std::string_view kRating = "rating";
inline constexpr std::string_view kText = "text";

struct Option {
  std::string id;
  std::string label;
  bool operator==(const Option&) const = default;
};

// Shown only when the answer to `question` (an earlier single or multiple choice) includes one of
// `options`.
struct ShowIf {
  std::string question;
  std::vector<std::string> options;
  bool operator==(const ShowIf&) const = default;
};

struct Question {
  std::string id;  // stable across versions: "q1"
  std::string kind;
  std::string title;
  bool required = true;
  std::vector<Option> options;  // single and multiple only
  std::optional<ShowIf> show_if;
  bool operator==(const Question&) const = default;
};

// The wire and storage form ({id, kind, title, required, options: [{id, label}], showIf}).
Json questions_json(const std::vector<Question>& questions);
std::vector<Question> questions_from(const Json& json);

// The questions with their texts normalised (trimmed, NFC), or invalid_argument naming every
// problem at once, each under `field` ("questions[2].options[1].label"): keys of a-z, 0-9 and _,
// ids unique, kinds known, 2 to 20 distinct options for choices and none otherwise, a showIf on
// an earlier choice question and its options, at least one and at most 50 questions.
Result<std::vector<Question>> checked_questions(const std::vector<Question>& questions,
                                                std::string_view field = "questions");

// One question's answer as sent.
struct Answer {
  std::string question;
  std::vector<std::string> choices;
  std::optional<int64_t> rating;
  std::optional<std::string> text;
};

// Whether `question` is shown given the answers so far (by question id, its chosen options).
bool shown(const Question& question, const std::map<std::string, std::vector<std::string>>& chosen);

// The answers checked against the questions, or invalid_argument naming every problem at once
// ("answers[1].rating", "answers" for a required question left out): unknown or repeated
// questions, questions hidden by their showIf, values of the wrong kind, unknown options, one
// option for a single choice, ratings outside 1 to 5, required shown questions skipped. Texts
// come back normalised; empty answers (no choice, no rating, no text) are dropped.
Result<std::vector<Answer>> checked_answers(const std::vector<Question>& questions,
                                            const std::vector<Answer>& answers);

// draft → published → closed. A published survey whose closing time has passed reads as closed.
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kPublished = "published";
inline constexpr std::string_view kClosed = "closed";

// One response per resident or per household.
inline constexpr std::string_view kPerResident = "resident";
inline constexpr std::string_view kPerHousehold = "household";

struct Survey {
  int64_t id = 0;
  std::string unit_code;  // the unit that runs it
  std::string title;
  std::string description;
  bool anonymous = false;
  std::string per;
  std::vector<std::string> target;  // units, each with its subtree
  std::string opens_at;
  std::string closes_at;
  std::string status;
  std::vector<Question> draft;  // the questions while a draft
  int64_t current_version = 0;  // 0 while a draft
  std::optional<int64_t> created_by;
  std::string created_by_name;
  std::optional<std::string> published_at;
  std::optional<std::string> closed_at;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct QuestionsVersion {
  int64_t number = 0;
  std::vector<Question> questions;
  std::string published_at;
  int64_t responses = 0;
};

// What a reader sees of the status at `now` (format_timestamp): draft, scheduled (published, not
// yet open), open, closed.
std::string phase(const Survey& survey, const std::string& now);

}  // namespace shequ::surveys
