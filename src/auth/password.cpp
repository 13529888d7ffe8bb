#include "auth/password.hpp"

#include <sodium.h>

#include <cctype>
#include <fstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "common/strings.hpp"

namespace shequ::auth {

namespace {

constexpr std::size_t kMinLength = 12;
constexpr std::size_t kMaxLength = 128;

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

PasswordCost production_password_cost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost minimal_password_cost() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string hash_password(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.passes, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

PasswordPolicy::PasswordPolicy(const std::string& dictionary_path) {
  for (const char* word :
       {"password", "passw0rd", "admin",    "administrator", "qwerty",     "qwertyuiop",
        "abc123",   "123456",   "12345678", "123456789",     "1234567890", "111111",
        "iloveyou", "welcome",  "letmein",  "monkey",        "dragon",     "shequ",
        "gansu",    "lanzhou",  "woaini",   "zhangwei",      "wangwei",    "a1b2c3"}) {
    common_.insert(word);
  }
  std::ifstream in(dictionary_path);
  if (!in) {
    spdlog::warn(
        "password dictionary {} not found (Debian package cracklib-runtime); using the built-in "
        "list only",
        dictionary_path);
    return;
  }
  std::string word;
  while (std::getline(in, word)) {
    if (word.size() >= 4) common_.insert(lower_ascii(word));
  }
}

Status PasswordPolicy::check(std::string_view password, std::string_view username,
                             const std::string& field) const {
  std::vector<FieldError> problems;
  const std::size_t length = is_valid_utf8(password) ? utf8_length(password) : 0;
  if (length < kMinLength) {
    problems.push_back({field, {"密码至少 12 个字符", "must be at least 12 characters"}});
  } else if (length > kMaxLength) {
    problems.push_back({field, {"密码不能超过 128 个字符", "must be at most 128 characters"}});
  }
  bool upper = false, lower = false, digit = false, symbol = false;
  std::string letters;
  for (unsigned char c : password) {
    if (std::isupper(c))
      upper = true;
    else if (std::islower(c))
      lower = true;
    else if (std::isdigit(c))
      digit = true;
    else
      symbol = true;
    if (std::isalpha(c)) letters.push_back(static_cast<char>(std::tolower(c)));
  }
  if (upper + lower + digit + symbol < 3) {
    problems.push_back({field,
                        {"密码须包含大写字母、小写字母、数字、符号中的至少三类",
                         "must mix at least three of: upper case, lower case, digits, symbols"}});
  }
  const std::string lowered = lower_ascii(password);
  if (!username.empty() && lowered.find(lower_ascii(username)) != std::string::npos) {
    problems.push_back({field, {"密码不能包含用户名", "must not contain the user name"}});
  }
  if (common_.contains(lowered) || common_.contains(letters)) {
    problems.push_back({field, {"密码过于常见，容易被猜中", "is too common and easy to guess"}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return {};
}

std::string generate_password() {
  // 4 characters from each class, then shuffled: always passes the policy.
  static constexpr std::string_view kClasses[] = {
      "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "@#%+=!?"};
  std::string out;
  for (std::string_view chars : kClasses) {
    for (int i = 0; i < 4; ++i)
      out.push_back(chars[randombytes_uniform(static_cast<uint32_t>(chars.size()))]);
  }
  for (std::size_t i = out.size() - 1; i > 0; --i) {
    std::swap(out[i], out[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
  }
  return out;
}

}  // namespace shequ::auth
