// The password policy with the word list a server really loads: Debian's cracklib-small, which
// scripts/bootstrap installs (cracklib-runtime). Without it the policy falls back to a short
// built-in list and lets common words through, so these tests fail rather than pass on that list.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "auth/auth.hpp"
#include "auth/password.hpp"

namespace shequ::auth {
namespace {

const std::string& dictionary_path() {
  static const std::string path = AuthOptions{}.dictionary_path;
  return path;
}

class PasswordPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::is_regular_file(dictionary_path()))
        << "the password dictionary " << dictionary_path()
        << " is missing: install the Debian package cracklib-runtime (scripts/bootstrap does)";
  }
  // The reasons the policy gives, in English.
  static std::vector<std::string> reasons(const PasswordPolicy& policy, std::string_view password,
                                          std::string_view username = "zhangsan") {
    std::vector<std::string> out;
    if (const Status checked = policy.check(password, username, "password"); !checked) {
      for (const FieldError& e : checked.error().details) out.push_back(e.reason.en);
    }
    return out;
  }
};

TEST_F(PasswordPolicyTest, TheServersWordListIsLoaded) {
  const PasswordPolicy policy(dictionary_path());
  // cracklib-small holds some fifty thousand words; the built-in list a few dozen.
  EXPECT_GT(policy.dictionary_size(), 40'000u);
}

// Each passes every other rule, and none is on the built-in list: only the dictionary refuses
// them, as they are and once digits and symbols are taken away.
constexpr std::string_view kDictionaryWords[] = {"Sunshine#2026", "Football@2026", "Princess!2026",
                                                 "2026-Butterfly", "Chocolate.1234"};

TEST_F(PasswordPolicyTest, CommonWordsFromTheDictionaryAreRefused) {
  const PasswordPolicy policy(dictionary_path());
  const std::vector<std::string> too_common{"is too common and easy to guess"};
  for (std::string_view password : kDictionaryWords) {
    EXPECT_EQ(reasons(policy, password), too_common) << password;
  }
  // With an empty word list only the built-in one is left, and it lets the same words through.
  const auto empty =
      std::filesystem::temp_directory_path() / ("shequ-empty-words-" + std::to_string(::getpid()));
  std::ofstream(empty).close();
  const PasswordPolicy builtin_only(empty.string());
  std::filesystem::remove(empty);
  for (std::string_view password : kDictionaryWords) {
    EXPECT_TRUE(reasons(builtin_only, password).empty()) << password;
  }
}

TEST_F(PasswordPolicyTest, APasswordOfNoWordPasses) {
  const PasswordPolicy policy(dictionary_path());
  EXPECT_TRUE(reasons(policy, "Gansu@Shequ#2026x").empty());
  EXPECT_TRUE(reasons(policy, "Lz-7xQ#m2Pr9").empty());
}

}  // namespace
}  // namespace shequ::auth
