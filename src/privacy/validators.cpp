#include "privacy/validators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "common/clock.hpp"
#include "common/strings.hpp"

namespace shequ::privacy {

namespace {

constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";

bool known_province(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82;
}

}  // namespace

char resident_id_check_character(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

Status validate_resident_id(std::string_view id, std::string_view today, const std::string& field) {
  std::vector<FieldError> problems;
  auto problem = [&](Text reason) { problems.push_back({field, std::move(reason)}); };
  if (id.size() != 18) {
    problem({"身份证号码应为 18 位", "must be 18 characters"});
    return Error::invalid(std::move(problems));
  }
  const std::string_view body = id.substr(0, 17);
  const char last = id[17];
  if (!is_digits(body) || !((last >= '0' && last <= '9') || last == 'X')) {
    problem({"前 17 位须为数字，最后一位为数字或大写 X",
             "the first 17 must be digits, the last a digit or an upper-case X"});
    return Error::invalid(std::move(problems));
  }
  if (!known_province(static_cast<int>(*parse_decimal(id.substr(0, 2))))) {
    problem({"地址码不是有效的省级行政区划代码", "the region code names no province"});
  }
  const std::string birth = std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) +
                            "-" + std::string(id.substr(12, 2));
  const std::string today_dashed = std::string(today.substr(0, 4)) + "-" +
                                   std::string(today.substr(4, 2)) + "-" +
                                   std::string(today.substr(6, 2));
  if (!is_valid_date(birth) || birth < "1900-01-01" || birth > today_dashed) {
    problem({"出生日期无效", "the date of birth is not a real past date"});
  }
  if (resident_id_check_character(body) != last) {
    problem({"校验码不正确", "the check character is wrong"});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return {};
}

Status validate_mobile(std::string_view mobile, const std::string& field) {
  if (mobile.size() != 11 || !is_digits(mobile) || mobile[0] != '1' || mobile[1] < '3') {
    return Error::invalid(
        field, {"手机号码应为 11 位数字，以 13-19 开头", "must be 11 digits starting 13-19"});
  }
  return {};
}

Status validate_reveal_reason(std::string_view reason, std::size_t max_chars) {
  const std::size_t n = is_valid_utf8(reason) ? utf8_length(reason) : 0;
  if (n < 2 || n > max_chars) {
    return Error::invalid("reason", {fmt::format("请说明原因（2 至 {} 个字）", max_chars),
                                     fmt::format("state why (2 to {} characters)", max_chars)});
  }
  return {};
}

namespace {

// The runs of digits (and a trailing X) in `text`, with full-width digits read as ASCII and
// single spaces or hyphens between digits skipped.
std::vector<std::string> digit_runs(std::string_view text) {
  std::vector<std::string> runs;
  std::string run;
  const auto close = [&] {
    if (!run.empty()) runs.push_back(std::move(run));
    run.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    char digit = 0;
    std::size_t width = 1;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= '0' && byte <= '9') {
      digit = static_cast<char>(byte);
    } else if (byte == 0xEF && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xBC &&
               static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      digit = static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0x90));  // ０-９
      width = 3;
    } else if ((byte == 'X' || byte == 'x') && run.size() == 17) {
      run.push_back('X');
      close();
      i += 1;
      continue;
    } else if ((byte == ' ' || byte == '-') && !run.empty() && i + 1 < text.size() &&
               ((text[i + 1] >= '0' && text[i + 1] <= '9') ||
                static_cast<unsigned char>(text[i + 1]) == 0xEF)) {
      i += 1;  // a separator between digits: read through it
      continue;
    }
    if (digit != 0) {
      run.push_back(digit);
    } else {
      close();
    }
    i += width;
  }
  close();
  return runs;
}

}  // namespace

IdentifierInText identifier_in_text(std::string_view text) {
  for (const std::string& run : digit_runs(text)) {
    if (run.size() == 18 && is_digits(std::string_view(run).substr(0, 17)) &&
        resident_id_check_character(std::string_view(run).substr(0, 17)) == run[17]) {
      return IdentifierInText::resident_id;
    }
    if (run.size() == 11 && run[0] == '1' && run[1] >= '3') return IdentifierInText::mobile;
  }
  return IdentifierInText::none;
}

std::string checked_public_text(std::string_view value, const std::string& field,
                                std::size_t max_chars, bool required,
                                std::vector<FieldError>& errors) {
  const std::size_t before = errors.size();
  std::string out = checked_text(value, field, max_chars, required, errors);
  if (errors.size() == before && identifier_in_text(out) != IdentifierInText::none) {
    errors.push_back({field,
                      {"公开的内容中不能有身份证号码或手机号码",
                       "public text must not hold an ID number or a mobile number"}});
  }
  return out;
}

namespace {

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

}  // namespace

char credit_code_check_character(std::string_view first17) {
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += static_cast<int>(kCreditAlphabet.find(first17[i])) * kWeights[i];
  }
  return kCreditAlphabet[(31 - sum % 31) % 31];
}

Status validate_credit_code(std::string_view code, const std::string& field) {
  std::vector<FieldError> problems;
  const auto reason = [&](std::string_view zh, std::string_view en) {
    problems.push_back({field, {std::string(zh), std::string(en)}});
  };
  const bool alphabet = std::all_of(code.begin(), code.end(), [](char c) {
    return kCreditAlphabet.find(c) != std::string_view::npos;
  });
  if (code.size() != 18 || !alphabet) {
    reason("统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）",
           "must be 18 digits or capital letters (without I, O, Z, S, V)");
  } else {
    if (!is_digits(code.substr(2, 6))) {
      reason("第 3 至 8 位应为行政区划代码", "characters 3 to 8 must be a region code");
    }
    if (credit_code_check_character(code.substr(0, 17)) != code[17]) {
      reason("校验位不符", "the check character does not match");
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return {};
}

Status validate_work_phone(std::string_view phone, const std::string& field) {
  const auto digits =
      std::count_if(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool allowed = std::all_of(phone.begin(), phone.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '+' || c == '(' || c == ')';
  });
  if (phone.size() < 3 || phone.size() > 30 || !allowed || digits < 3) {
    return Error::invalid(field, {"电话号码应为 3 至 30 位数字，可含 - + ( ) 和空格",
                                  "must be 3-30 digits, optionally with - + ( ) and spaces"});
  }
  return {};
}

std::string mask_resident_id(std::string_view id) {
  if (id.size() <= 7) return std::string(id.size(), '*');
  return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string mask_mobile(std::string_view mobile) {
  if (mobile.size() <= 7) return std::string(mobile.size(), '*');
  return std::string(mobile.substr(0, 3)) + std::string(mobile.size() - 7, '*') +
         std::string(mobile.substr(mobile.size() - 4));
}

std::string mask_name(std::string_view name) {
  std::vector<std::string_view> characters;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t n = 1;
    while (i + n < name.size() && (static_cast<unsigned char>(name[i + n]) & 0xC0) == 0x80) ++n;
    characters.push_back(name.substr(i, n));
    i += n;
  }
  if (characters.size() <= 1) return std::string(characters.size(), '*');
  std::string out(characters.front());
  const std::size_t hidden = characters.size() == 2 ? 1 : characters.size() - 2;
  out += std::string(hidden, '*');
  if (characters.size() > 2) out += characters.back();
  return out;
}

std::string mask_address(std::string_view address) {
  constexpr std::size_t kMaxShown = 12;
  std::vector<std::string_view> characters;
  std::size_t before_digit = std::string_view::npos;
  for (std::size_t i = 0; i < address.size();) {
    std::size_t n = 1;
    while (i + n < address.size() && (static_cast<unsigned char>(address[i + n]) & 0xC0) == 0x80) {
      ++n;
    }
    const std::string_view c = address.substr(i, n);
    const bool digit = (n == 1 && c[0] >= '0' && c[0] <= '9') ||
                       (n == 3 && c >= "\xEF\xBC\x90" && c <= "\xEF\xBC\x99");  // ０-９
    if (digit && before_digit == std::string_view::npos) before_digit = characters.size();
    characters.push_back(c);
    i += n;
  }
  if (characters.empty()) return "";
  const std::size_t shown = std::min(
      kMaxShown, before_digit != std::string_view::npos ? before_digit : characters.size() / 2);
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) out += characters[i];
  return out + "****";
}

}  // namespace shequ::privacy
