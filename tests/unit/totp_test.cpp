// RFC 6238 one-time passwords, checked against the RFC's own test vectors.
#include <gtest/gtest.h>

#include "auth/totp.hpp"

namespace shequ::auth {
namespace {

TEST(Totp, Rfc6238Sha1Vectors) {
  const std::string secret = "12345678901234567890";
  struct Case {
    int64_t unix_time;
    const char* code;
  };
  const Case cases[] = {{59, "94287082"},         {1111111109, "07081804"},
                        {1111111111, "14050471"}, {1234567890, "89005924"},
                        {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const Case& c : cases) {
    EXPECT_EQ(totp_code(secret, c.unix_time / kTotpStepSeconds, 8), c.code) << c.unix_time;
  }
  EXPECT_EQ(totp_code(secret, 59 / kTotpStepSeconds), "287082");  // the six digits apps show
}

TEST(Totp, MatchesNeighbouringStepsOnceOnly) {
  const std::string secret = "12345678901234567890";
  const TimePoint now = TimePoint(std::chrono::seconds(1111111111));
  const int64_t step = totp_step(now);
  EXPECT_EQ(totp_match(secret, totp_code(secret, step), now, 0), step);
  EXPECT_EQ(totp_match(secret, totp_code(secret, step - 1), now, 0), step - 1);  // clock drift
  EXPECT_EQ(totp_match(secret, totp_code(secret, step + 1), now, 0), step + 1);
  EXPECT_FALSE(totp_match(secret, totp_code(secret, step - 2), now, 0));
  EXPECT_FALSE(totp_match(secret, totp_code(secret, step), now, step));  // used already
  EXPECT_FALSE(totp_match(secret, "12345", now, 0));
  EXPECT_FALSE(totp_match(secret, "", now, 0));
}

TEST(Totp, Base32AsAppsTakeIt) {
  EXPECT_EQ(base32("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32("f"), "MY");
  EXPECT_EQ(base32("foobar"), "MZXW6YTBOI");
}

}  // namespace
}  // namespace shequ::auth
