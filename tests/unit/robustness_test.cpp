// Deterministic fuzzing of the decoders that read raw outside input, and the shipped migrations'
// numbering: inputs no test author thought of must never crash or yield invalid text.
#include <gtest/gtest.h>

#include <random>

#include "app/app.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"
#include "http/contract.hpp"
#include "http/query.hpp"
#include "modules/modules.hpp"
#include "storage/migrations.hpp"

namespace shequ {
namespace {

std::string random_bytes(std::mt19937& random, std::size_t max_length, std::string_view alphabet) {
  std::uniform_int_distribution<std::size_t> length(0, max_length);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out(length(random), '\0');
  for (char& c : out) c = alphabet[pick(random)];
  return out;
}

TEST(Fuzz, QueryDecoderNeverYieldsInvalidText) {
  std::mt19937 random(20261130);
  std::string alphabet = "%&=+?#abcXYZ019 /\\\"'<>";
  for (int b = 0x80; b < 0x100; b += 7) alphabet.push_back(static_cast<char>(b));
  alphabet.push_back('\0');
  http::Contract contract;
  contract.query = http::schema::paging();
  contract.query.push_back({"q", http::schema::text(10).optional()});
  for (int i = 0; i < 20000; ++i) {
    const std::string input = random_bytes(random, 40, alphabet);
    const auto pairs = http::parse_query(input);
    if (!pairs) {
      EXPECT_EQ(pairs.error().details.at(0).field, "query");
      continue;
    }
    for (const auto& [name, value] : *pairs) {
      ASSERT_TRUE(is_valid_utf8(name)) << input;
      ASSERT_TRUE(is_valid_utf8(value)) << input;
      ASSERT_EQ(name.find('\0'), std::string::npos) << input;
    }
    // A route's contract reads the same input: it answers, valid or not, and never crashes.
    const auto inputs = http::validate_request(contract, {}, input, "");
    if (!inputs) {
      EXPECT_EQ(inputs.error().code, ErrorCode::invalid_argument) << input;
    }
  }
}

TEST(Fuzz, JsonParserRefusesOrAcceptsButNeverCrashes) {
  std::mt19937 random(7);
  const std::string alphabet = "{}[]\":,0123456789.eE+-truefalsnul \\\x80\xE7\x94\x98";
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string input = random_bytes(random, 30, alphabet);
    const auto parsed = parse_json_strict(input);
    if (parsed) {
      ++accepted;
    } else {
      EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
    }
  }
  EXPECT_GT(accepted, 0);  // the generator does reach valid documents
}

TEST(Migrations, VersionsFollowTheFileNumbersInOrder) {
  int previous = 0;
  const auto registry = app::make_registry(modules::all());
  for (const auto& m : registry->migrations()) {
    EXPECT_EQ(m.version, std::stoi(m.name.substr(0, m.name.find('_')))) << m.name;
    EXPECT_GT(m.version, previous) << m.name;
    previous = m.version;
  }
  EXPECT_GE(previous, 1);
}

}  // namespace
}  // namespace shequ
