// Evidence files of progress reports (plan/evidence.hpp): photos kept without their metadata,
// PDFs kept as they came when they hold nothing that makes a reader act, every other file
// refused with the reason.
#include <gtest/gtest.h>

#include "plan/evidence.hpp"
#include "support/test_images.hpp"
#include "support/test_pdf.hpp"

namespace shequ::testing {
namespace {

TEST(PlanEvidenceTest, APdfIsKeptAsItCame) {
  const std::string pdf = pdf_with();
  const auto kept = plan::clean_evidence(pdf);
  ASSERT_TRUE(kept) << kept.error().details.front().reason.en;
  EXPECT_EQ(kept->kind, "pdf");
  EXPECT_EQ(kept->media_type, "application/pdf");
  EXPECT_EQ(kept->bytes, pdf);
  EXPECT_TRUE(plan::clean_evidence(pdf_with_object_stream("<< /Type /Font /Subtype /Type1 >>")))
      << "an object stream holding a font";
  EXPECT_TRUE(plan::clean_evidence(pdf_with("/URI (https://example.org/JS)")))
      << "a link is not an action";
}

TEST(PlanEvidenceTest, APhotoIsKeptWithoutItsMetadata) {
  const auto kept = plan::clean_evidence(jpeg_with_metadata({32, 16}, 1, "<script>x</script>"));
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->kind, "photo");
  EXPECT_EQ(kept->media_type, "image/jpeg");
  EXPECT_EQ(kept->bytes.find("ZHANG SAN"), std::string::npos);
  EXPECT_EQ(kept->bytes.find("<script>"), std::string::npos);
  const auto png = plan::clean_evidence(png_with_metadata({8, 8}));
  ASSERT_TRUE(png);
  EXPECT_EQ(png->media_type, "image/png");
}

struct Refused {
  const char* name;
  std::string upload;
  const char* reason;  // a part of the English reason
};

class PlanEvidenceRefusedTest : public ::testing::TestWithParam<Refused> {};

TEST_P(PlanEvidenceRefusedTest, IsRefusedWithItsReason) {
  const auto kept = plan::clean_evidence(GetParam().upload);
  ASSERT_FALSE(kept) << GetParam().name;
  ASSERT_EQ(kept.error().details.size(), 1u);
  EXPECT_EQ(kept.error().details.front().field, "file");
  EXPECT_NE(kept.error().details.front().reason.en.find(GetParam().reason), std::string::npos)
      << kept.error().details.front().reason.en;
  EXPECT_FALSE(kept.error().details.front().reason.zh.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Files, PlanEvidenceRefusedTest,
    ::testing::Values(
        Refused{"empty", "", "empty"},
        Refused{"text", "hello, this is a text file", "only JPEG or PNG photos and PDFs"},
        Refused{"html", "<html><script>alert(1)</script></html>", "only JPEG"},
        Refused{"script on open", pdf_with("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
                "script"},
        Refused{"script by escaped name", pdf_with("/OpenAction << /S /J#61vaScript /J#53 (x) >>"),
                "script"},
        Refused{"script in an object stream",
                pdf_with_object_stream("<< /S /JavaScript /JS (app.alert(1)) >>"), "script"},
        Refused{"script in an uncompressed object stream",
                pdf_with_object_stream("<< /S /JavaScript /JS (x) >>", ""), "script"},
        Refused{"object stream in another encoding",
                pdf_with_object_stream("<< /S /JavaScript >>", "/ASCIIHexDecode"),
                "cannot be read"},
        Refused{"object stream damaged",
                [] {
                  std::string pdf = pdf_with_object_stream("<< /Type /Font >>");
                  pdf[pdf.find(">>\nstream\n", pdf.find("/ObjStm")) + 12] ^= 0x55;
                  return pdf;
                }(),
                "damaged"},
        Refused{"launch", pdf_with("/OpenAction << /S /Launch /F (cmd.exe) >>"), "launches"},
        Refused{"embedded file", pdf_with("/Names << /EmbeddedFiles 9 0 R >>"), "embeds"},
        Refused{"xfa", pdf_with("/AcroForm << /XFA 9 0 R >>"), "XFA"},
        Refused{"encrypted", pdf_with("/Encrypt 9 0 R"), "encrypted"},
        Refused{"cut short",
                [] {
                  std::string pdf = pdf_with();
                  return pdf.substr(0, pdf.size() / 2);
                }(),
                "cut short"},
        Refused{"damaged photo", std::string("\xFF\xD8\xFF\xE0 not really a jpeg", 24), "damaged"}),
    [](const ::testing::TestParamInfo<Refused>& info) {
      std::string name = info.param.name;
      for (char& c : name) {
        if (c == ' ') c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace shequ::testing
