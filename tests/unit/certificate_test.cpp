// Certificates of volunteer hours (volunteer/certificate.hpp): a statement and a document that
// verify as signed, and what any change, a foreign key or a retired one looks like to the check.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pdf/pdf_document.hpp"
#include "volunteer/certificate.hpp"

namespace shequ::volunteer {
namespace {

privacy::CertificateKey key_of(int id, unsigned char seed, std::string since) {
  privacy::CertificateKey key{id, {}, std::move(since)};
  for (std::size_t i = 0; i < key.seed.size(); ++i) {
    key.seed[i] = static_cast<unsigned char>(seed + 3 * i);
  }
  return key;
}

const std::vector<privacy::CertificateKey> kKeys{key_of(1, 7, "2026-01-01T00:00:00.000Z"),
                                                 key_of(2, 9, "2026-06-01T00:00:00.000Z")};

CertificateStatement statement(int key, std::string issued_at) {
  return {.number = "2026-7KQ3M9XA2B",
          .volunteer = "张*三",
          .phone_tail = "5678",
          .unit = "620102001001",
          .unit_path = "甘肃省 › 兰州市 › 城关区 › 酒泉路街道 › 畅家巷社区",
          .minutes = 270,
          .entries = 2,
          .first_day = "2026-11-05",
          .last_day = "2026-11-20",
          .seq_from = 12,
          .seq_to = 40,
          .chain_mac = "0123456789abcdef",
          .issued_at = std::move(issued_at),
          .key = key};
}

TEST(Certificate, AStatementVerifiesAsSignedAndReadsBackWhole) {
  const auto keys = published_keys(kKeys);
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].retired, "2026-06-01T00:00:00.000Z");
  EXPECT_FALSE(keys[1].retired);
  const CertificateStatement s = statement(2, "2026-12-03T08:00:00.000Z");
  const auto checked = verify_payload(sign_statement(s, kKeys[1]), keys);
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->verdict, Verdict::genuine);
  ASSERT_TRUE(checked->statement);
  EXPECT_EQ(to_json(*checked->statement), to_json(s));
  EXPECT_EQ(checked->key->id, 2);
}

// Every character of a payload matters: changed anywhere, it is no longer genuine.
TEST(Certificate, AChangedCharacterAnywhereInThePayloadIsAltered) {
  const auto keys = published_keys(kKeys);
  const std::string payload = sign_statement(statement(2, "2026-12-03T08:00:00.000Z"), kKeys[1]);
  int refused = 0;
  for (std::size_t at = 0; at < payload.size(); at += 7) {
    if (payload[at] == '.') continue;
    std::string changed = payload;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    const auto checked = verify_payload(changed, keys);
    // A changed last character of a base64 part may be no base64 at all: then it is no payload.
    if (!checked) {
      EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument) << at;
      continue;
    }
    EXPECT_EQ(checked->verdict, Verdict::altered) << at;
    ++refused;
  }
  EXPECT_GT(refused, 50);
}

TEST(Certificate, KeysNeverPublishedOrRetiredBeforeTheIssueAreRefused) {
  const auto keys = published_keys(kKeys);
  struct Case {
    std::string name;
    privacy::CertificateKey signer;
    std::string issued_at;
    Verdict verdict;
  };
  const Case cases[] = {
      {"the current key", kKeys[1], "2026-12-03T08:00:00.000Z", Verdict::genuine},
      {"a retired key, before it retired", kKeys[0], "2026-05-31T23:59:59.999Z", Verdict::genuine},
      {"a retired key, as it retired", kKeys[0], "2026-06-01T00:00:00.000Z", Verdict::retired_key},
      {"a retired key, after", kKeys[0], "2026-12-03T08:00:00.000Z", Verdict::retired_key},
      {"a key never published", key_of(3, 11, "2026-01-01T00:00:00.000Z"),
       "2026-12-03T08:00:00.000Z", Verdict::unknown_key},
      // Claims the published key 2 but is signed by another seed.
      {"a forged key 2", key_of(2, 11, "2026-01-01T00:00:00.000Z"), "2026-12-03T08:00:00.000Z",
       Verdict::altered},
  };
  for (const Case& c : cases) {
    const auto checked =
        verify_payload(sign_statement(statement(c.signer.id, c.issued_at), c.signer), keys);
    ASSERT_TRUE(checked) << c.name;
    EXPECT_EQ(checked->verdict, c.verdict) << c.name;
  }
}

TEST(Certificate, TextThatIsNoPayloadIsSaidSo) {
  const auto keys = published_keys(kKeys);
  for (const std::string text : {"", "abc", "a.b.c", "!!.??", "eyJ9.AAAA"}) {
    const auto checked = verify_payload(text, keys);
    ASSERT_FALSE(checked) << text;
    EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument) << text;
    EXPECT_EQ(checked.error().details.at(0).field, "payload");
  }
}

TEST(Certificate, ThePublishedListReadsBackAsItWasWritten) {
  const auto keys = published_keys(kKeys);
  const auto read = parse_published_keys(published_keys_json(keys));
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].key, keys[0].key);
  EXPECT_EQ((*read)[0].retired, keys[0].retired);
  EXPECT_EQ((*read)[1].since, keys[1].since);
  for (const Json& bad : {Json::object(), Json{{"algorithm", "RSA"}, {"keys", Json::array()}},
                          Json{{"algorithm", "Ed25519"}, {"keys", {{{"id", 1}}}}}}) {
    EXPECT_FALSE(parse_published_keys(bad)) << bad.dump();
  }
}

// A real certificate-shaped PDF: Cairo keeps the keywords as written, and every byte of the
// file is covered by the document signature.
TEST(Certificate, EveryByteOfTheDocumentIsSigned) {
  const auto keys = published_keys(kKeys);
  const std::string payload = sign_statement(statement(2, "2026-12-03T08:00:00.000Z"), kKeys[1]);
  auto document = pdf::PdfDocument::create(pdf::Orientation::portrait, "证明", "证明", "第 {} 页");
  ASSERT_TRUE(document) << document.error().message.en;
  (*document)->keywords(document_keywords(payload));
  (*document)->title("志愿服务记录证明");
  (*document)->paragraph("兹证明志愿者 张*三 累计服务 4 小时 30 分钟。");
  ASSERT_TRUE((*document)->qr_code("https://shequ.example.gov.cn/verify/2026-7KQ3M9XA2B#" + payload,
                                   160, "扫码核验"));
  auto unsigned_pdf = (*document)->finish();
  ASSERT_TRUE(unsigned_pdf);
  ASSERT_TRUE(unsigned_pdf->starts_with("%PDF-"));
  auto signed_pdf = sign_document(*unsigned_pdf, kKeys[1]);
  ASSERT_TRUE(signed_pdf);
  EXPECT_EQ(signed_pdf->size(), unsigned_pdf->size());
  const auto checked = verify_document(*signed_pdf, keys);
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->verdict, Verdict::genuine);
  EXPECT_EQ(checked->statement->minutes, 270);

  // One byte changed, wherever it is: the header, the drawing, the keywords, the end.
  const std::size_t size = signed_pdf->size();
  const std::size_t keywords = signed_pdf->find("shequ-certificate:v1:");
  ASSERT_NE(keywords, std::string::npos);
  for (const std::size_t at : {std::size_t{2}, size / 4, size / 2, 3 * size / 4, keywords + 30,
                               keywords + 21 + payload.size() + 10, size - 3}) {
    std::string changed = *signed_pdf;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    const auto verdict = verify_document(changed, keys);
    ASSERT_TRUE(verdict) << at;
    EXPECT_EQ(verdict->verdict, Verdict::altered) << at << " of " << size;
  }
  // Bytes added at the end, or the unsigned file: altered too.
  EXPECT_EQ(verify_document(*signed_pdf + "%%EOF\n", keys)->verdict, Verdict::altered);
  EXPECT_EQ(verify_document(*unsigned_pdf, keys)->verdict, Verdict::altered);
  // A file without a certificate is said to be none.
  const auto none = verify_document("%PDF-1.5\nnothing here\n%%EOF\n", keys);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().details.at(0).field, "file");
}

}  // namespace
}  // namespace shequ::volunteer
