#include "surveys/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/strings.hpp"

namespace shequ::surveys {

namespace {

bool is_key(std::string_view key) {
  return !key.empty() && key.size() <= kMaxKey && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_choice(std::string_view kind) {
  return kind == kSingle || kind == kMultiple;
}

Text too_long(std::size_t max) {
  return {fmt::format("最长 {} 个字", max), fmt::format("at most {} characters", max)};
}

// `value` normalised and trimmed; a problem goes to `errors` under `field`.
std::string checked_text(const std::string& value, const std::string& field, std::size_t max,
                         bool required, std::vector<FieldError>& errors) {
  auto normalised = normalise_text(value, field);
  if (!normalised) {
    errors.insert(errors.end(), normalised.error().details.begin(),
                  normalised.error().details.end());
    return value;
  }
  std::string out(trim(*normalised));
  if (required && out.empty()) {
    errors.push_back({field, {"不能为空", "must not be empty"}});
  } else if (utf8_length(out) > max) {
    errors.push_back({field, too_long(max)});
  }
  return out;
}

}  // namespace

Json questions_json(const std::vector<Question>& questions) {
  Json out = Json::array();
  for (const Question& q : questions) {
    Json options = Json::array();
    for (const Option& o : q.options) options.push_back({{"id", o.id}, {"label", o.label}});
    out.push_back({{"id", q.id},
                   {"kind", q.kind},
                   {"title", q.title},
                   {"required", q.required},
                   {"options", std::move(options)},
                   {"showIf", q.show_if ? Json{{"question", q.show_if->question},
                                               {"options", q.show_if->options}}
                                        : Json()}});
  }
  return out;
}

std::vector<Question> questions_from(const Json& json) {
  std::vector<Question> out;
  if (!json.is_array()) return out;
  for (const Json& j : json) {
    Question q;
    q.id = j.value("id", "");
    q.kind = j.value("kind", "");
    q.title = j.value("title", "");
    q.required = j.value("required", true);
    for (const Json& o : j.value("options", Json::array())) {
      q.options.push_back({o.value("id", ""), o.value("label", "")});
    }
    if (const auto at = j.find("showIf"); at != j.end() && at->is_object()) {
      q.show_if =
          ShowIf{at->value("question", ""), at->value("options", std::vector<std::string>())};
    }
    out.push_back(std::move(q));
  }
  return out;
}

Result<std::vector<Question>> checked_questions(const std::vector<Question>& questions,
                                                std::string_view field) {
  std::vector<FieldError> errors;
  if (questions.empty()) {
    errors.push_back({std::string(field), {"请至少添加一个问题", "add at least one question"}});
  } else if (questions.size() > kMaxQuestions) {
    errors.push_back({std::string(field),
                      {fmt::format("最多 {} 个问题", kMaxQuestions),
                       fmt::format("at most {} questions", kMaxQuestions)}});
  }
  std::vector<Question> out;
  // The choice questions before the one being checked, by id: what a showIf may refer to.
  std::map<std::string, const Question*> earlier_choices;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& in = questions[i];
    const std::string at = fmt::format("{}[{}]", field, i);
    Question q = in;
    if (!is_key(in.id)) {
      errors.push_back({at + ".id",
                        {"编号只能用小写字母、数字和下划线，最长 20 个字符",
                         "a-z, 0-9 and _, at most 20 characters"}});
    } else if (!ids.insert(in.id).second) {
      errors.push_back({at + ".id", {"问题编号重复", "another question has this id"}});
    }
    const bool choice = is_choice(in.kind);
    if (!choice && in.kind != kRating && in.kind != kText) {
      errors.push_back(
          {at + ".kind", {"题型应为单选、多选、评分或填空", "single, multiple, rating or text"}});
    }
    q.title = checked_text(in.title, at + ".title", kMaxQuestionTitle, true, errors);
    if (choice) {
      if (in.options.size() < 2 || in.options.size() > kMaxOptions) {
        errors.push_back({at + ".options",
                          {fmt::format("选项应为 2–{} 个", kMaxOptions),
                           fmt::format("from 2 to {} options", kMaxOptions)}});
      }
      std::set<std::string> option_ids;
      for (std::size_t k = 0; k < in.options.size(); ++k) {
        const std::string option_at = fmt::format("{}.options[{}]", at, k);
        if (!is_key(in.options[k].id)) {
          errors.push_back({option_at + ".id",
                            {"编号只能用小写字母、数字和下划线，最长 20 个字符",
                             "a-z, 0-9 and _, at most 20 characters"}});
        } else if (!option_ids.insert(in.options[k].id).second) {
          errors.push_back({option_at + ".id", {"选项编号重复", "another option has this id"}});
        }
        q.options[k].label =
            checked_text(in.options[k].label, option_at + ".label", kMaxOptionLabel, true, errors);
      }
    } else if (!in.options.empty()) {
      errors.push_back({at + ".options", {"评分题和填空题没有选项", "only choices have options"}});
    }
    if (in.show_if) {
      const auto source = earlier_choices.find(in.show_if->question);
      if (source == earlier_choices.end()) {
        errors.push_back({at + ".showIf.question",
                          {"显示条件只能引用前面的单选或多选题",
                           "a condition refers to an earlier single or multiple choice"}});
      } else if (in.show_if->options.empty()) {
        errors.push_back(
            {at + ".showIf.options", {"请选择触发显示的选项", "choose the options that show it"}});
      } else {
        for (const std::string& option : in.show_if->options) {
          const auto& opts = source->second->options;
          if (std::none_of(opts.begin(), opts.end(),
                           [&](const Option& o) { return o.id == option; })) {
            errors.push_back({at + ".showIf.options",
                              {fmt::format("“{}”不是该题的选项", option),
                               fmt::format("\"{}\" is not an option of that question", option)}});
          }
        }
      }
    }
    if (choice && is_key(in.id)) earlier_choices.emplace(in.id, &in);
    out.push_back(std::move(q));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

bool shown(const Question& question,
           const std::map<std::string, std::vector<std::string>>& chosen) {
  if (!question.show_if) return true;
  const auto at = chosen.find(question.show_if->question);
  if (at == chosen.end()) return false;
  const auto& wanted = question.show_if->options;
  return std::any_of(at->second.begin(), at->second.end(), [&](const std::string& c) {
    return std::find(wanted.begin(), wanted.end(), c) != wanted.end();
  });
}

Result<std::vector<Answer>> checked_answers(const std::vector<Question>& questions,
                                            const std::vector<Answer>& answers) {
  std::vector<FieldError> errors;
  std::map<std::string, std::size_t> by_question;  // question id → index in `answers`
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string at = fmt::format("answers[{}].question", i);
    const bool known = std::any_of(questions.begin(), questions.end(),
                                   [&](const Question& q) { return q.id == answers[i].question; });
    if (!known) {
      errors.push_back({at, {"问卷中没有这个问题", "the survey has no such question"}});
    } else if (!by_question.emplace(answers[i].question, i).second) {
      errors.push_back({at, {"同一问题只能回答一次", "answered twice"}});
    }
  }
  // In the questions' order, so that a condition sees the answers before it.
  std::map<std::string, std::vector<std::string>> chosen;
  std::vector<Answer> out;
  for (const Question& q : questions) {
    const auto found = by_question.find(q.id);
    const Answer* a = found == by_question.end() ? nullptr : &answers[found->second];
    const std::string at =
        found == by_question.end() ? "answers" : fmt::format("answers[{}]", found->second);
    const bool empty =
        !a || (a->choices.empty() && !a->rating && (!a->text || trim(*a->text).empty()));
    if (!shown(q, chosen)) {
      if (!empty) {
        errors.push_back(
            {at,
             {fmt::format("“{}”按前面的回答不需作答", q.title),
              fmt::format("\"{}\" is not asked given the answers before it", q.title)}});
      }
      continue;
    }
    if (empty) {
      if (q.required) {
        errors.push_back({at,
                          {fmt::format("请回答“{}”", q.title),
                           fmt::format("\"{}\" must be answered", q.title)}});
      }
      continue;
    }
    Answer clean{q.id, {}, std::nullopt, std::nullopt};
    const bool choice = is_choice(q.kind);
    if (!choice && !a->choices.empty()) {
      errors.push_back({at + ".choices", {"这个问题不是选择题", "not a choice question"}});
    }
    if (q.kind != kRating && a->rating) {
      errors.push_back({at + ".rating", {"这个问题不是评分题", "not a rating question"}});
    }
    if (q.kind != kText && a->text && !trim(*a->text).empty()) {
      errors.push_back({at + ".text", {"这个问题不是填空题", "not a text question"}});
    }
    if (choice) {
      std::set<std::string> seen;
      for (const std::string& c : a->choices) {
        const bool exists = std::any_of(q.options.begin(), q.options.end(),
                                        [&](const Option& o) { return o.id == c; });
        if (!exists) {
          errors.push_back({at + ".choices",
                            {fmt::format("“{}”不是这个问题的选项", c),
                             fmt::format("\"{}\" is not an option", c)}});
        } else if (seen.insert(c).second) {
          clean.choices.push_back(c);
        }
      }
      if (q.kind == kSingle && a->choices.size() > 1) {
        errors.push_back({at + ".choices", {"单选题只能选一项", "choose one option"}});
      }
      if (clean.choices.empty() && q.required && a->choices.empty()) {
        errors.push_back({at,
                          {fmt::format("请回答“{}”", q.title),
                           fmt::format("\"{}\" must be answered", q.title)}});
      }
      chosen[q.id] = clean.choices;
    } else if (q.kind == kRating) {
      if (!a->rating) {
        if (q.required) {
          errors.push_back({at + ".rating", {"请打分（1–5 分）", "rate from 1 to 5"}});
        }
      } else if (*a->rating < kMinRating || *a->rating > kMaxRating) {
        errors.push_back({at + ".rating", {"评分应为 1–5 分", "a rating is from 1 to 5"}});
      } else {
        clean.rating = a->rating;
      }
    } else if (q.kind == kText && a->text) {
      std::vector<FieldError> text_errors;
      const std::string text =
          checked_text(*a->text, at + ".text", kMaxAnswerText, q.required, text_errors);
      errors.insert(errors.end(), text_errors.begin(), text_errors.end());
      if (!text.empty()) clean.text = text;
    }
    if (!clean.choices.empty() || clean.rating || clean.text) out.push_back(std::move(clean));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

std::string phase(const Survey& survey, const std::string& now) {
  if (survey.status == kDraft) return "draft";
  if (survey.status == kClosed || now >= survey.closes_at) return "closed";
  if (now < survey.opens_at) return "scheduled";
  return "open";
}

}  // namespace shequ::surveys
