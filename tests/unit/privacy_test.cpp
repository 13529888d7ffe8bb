// Personal data: the GB 11643 and mobile validators, masking, and sealing with the key ring.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "privacy/crypto.hpp"
#include "privacy/keyring.hpp"
#include "privacy/validators.hpp"

namespace shequ::privacy {
namespace {

const TimePoint kCreated = parse_timestamp("2026-12-03T08:00:00.000Z").value();

// A valid number built from its first 17 digits, so the cases below stay readable.
std::string with_check(const std::string& first17) {
  return first17 + resident_id_check_character(first17);
}

TEST(ResidentId, Gb11643Rules) {
  struct Case {
    std::string id;
    bool valid;
    std::string why;
  };
  const Case cases[] = {
      {"11010519491231002X", true, "the standard's own example, check X"},
      {with_check("62010219900101123"), true, "Gansu, 1990-01-01"},
      {with_check("62010220000229123"), true, "a leap day"},
      {"11010519491231002x", false, "lower-case x"},
      {"110105194912310021", false, "wrong check digit"},
      {with_check("62010219900230123"), false, "30 February"},
      {with_check("62010218991231123"), false, "born before 1900"},
      {with_check("62010220270101123"), false, "born in the future"},
      {with_check("99010219900101123"), false, "no province 99"},
      {"6201021990010112", false, "16 characters"},
      {"62010219900101123X1", false, "19 characters"},
      {"6201021990O101123X", false, "a letter O"},
      {"", false, "empty"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(validate_resident_id(c.id, "20261130", "idNumber").ok(), c.valid)
        << c.why << ": " << c.id;
  }
  const Status bad = validate_resident_id(with_check("99010219900230123"), "20261130", "idNumber");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().details.size(), 2u);  // region and date, both reported
  EXPECT_EQ(bad.error().details[0].field, "idNumber");
}

TEST(Mobile, MainlandNumbers) {
  for (const char* good : {"13812345678", "19912345678", "15000000000"})
    EXPECT_TRUE(validate_mobile(good, "phone")) << good;
  for (const char* bad :
       {"12812345678", "1381234567", "138123456789", "+8613812345678", "1381234567a", ""}) {
    EXPECT_FALSE(validate_mobile(bad, "phone")) << bad;
  }
}

TEST(IdentifierInText, FindsIdNumbersAndMobilesAsPeopleWriteThem) {
  using enum IdentifierInText;
  struct Case {
    std::string text;
    IdentifierInText found;
    std::string why;
  };
  const std::string id = with_check("62010219900101123");
  const Case cases[] = {
      {"加装电梯什么时候开工？", none, "no digits"},
      {"预算 1380000 元，2026 年 12 月完工", none, "amounts and dates"},
      {"请联系我 13993190001", mobile, "a mobile"},
      {"电话139-3199-0001谢谢", mobile, "a mobile with hyphens"},
      {"电话 139 3199 0001", mobile, "a mobile with spaces"},
      {"电话１３９３１９９０００１", mobile, "a mobile in full-width digits"},
      {"编号 12812345678", none, "11 digits not starting 13-19"},
      {"订单号 1399319900012345", none, "a mobile inside a longer number"},
      {"身份证" + id + "。", resident_id, "an ID number"},
      {"身份证11010519491231002x", resident_id, "an ID number with a lower-case x"},
      {"编号 110105194912310021", none, "18 digits with a wrong check digit"},
      {"0931-8451201", none, "an office line"},
  };
  for (const Case& c : cases) EXPECT_EQ(identifier_in_text(c.text), c.found) << c.why;
}

TEST(Masking, ShowsOnlyTheEnds) {
  EXPECT_EQ(mask_resident_id("62010219900101123X"), "620***********123X");
  EXPECT_EQ(mask_mobile("13812345678"), "138****5678");
  EXPECT_EQ(mask_mobile("123"), "***");
}

TEST(Masking, AnAddressKeepsItsStreetAndHidesTheDoor) {
  const std::pair<const char*, const char*> cases[] = {
      {"畅家巷12号楼3单元502室", "畅家巷****"},
      {"城关区酒泉路街道畅家巷３号", "城关区酒泉路街道畅家巷****"},  // a full-width digit
      {"甘肃省兰州市城关区酒泉路街道畅家巷社区12号", "甘肃省兰州市城关区酒泉路****"},  // 12 at most
      {"红沟村一组", "红沟****"},  // no digits: the first half
      {"村", "****"},
      {"", ""},
  };
  for (const auto& [address, masked] : cases) EXPECT_EQ(mask_address(address), masked) << address;
}

class KeyringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder =
        std::filesystem::temp_directory_path() / ("shequ-keyring-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    path = (folder / "keys" / "personal-data.keys").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder); }
  std::filesystem::path folder;
  std::string path;
};

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

TEST_F(KeyringTest, SealsOpensAndRefusesTamperingOrTheWrongField) {
  auto keyring = Keyring::create(path, kCreated);
  ASSERT_TRUE(keyring);
  EXPECT_EQ(mode_of(path), 0600u);
  // Every folder it had to make is the owner's alone.
  EXPECT_EQ(mode_of(folder), 0700u);
  EXPECT_EQ(mode_of(folder / "keys"), 0700u);

  const std::string sealed = keyring->seal("13812345678", "app_user.phone");
  EXPECT_EQ(sealed.find("13812345678"), std::string::npos);
  EXPECT_NE(keyring->seal("13812345678", "app_user.phone"), sealed);  // a fresh IV each time
  EXPECT_EQ(keyring->open(sealed, "app_user.phone").value(), "13812345678");
  EXPECT_FALSE(keyring->open(sealed, "resident.phone"));  // moved to another field
  std::string tampered = sealed;
  tampered[tampered.size() - 6] = tampered[tampered.size() - 6] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(keyring->open(tampered, "app_user.phone"));
  EXPECT_FALSE(keyring->open("s1.9." + sealed.substr(5), "app_user.phone"));  // unknown key
  EXPECT_FALSE(keyring->open("13812345678", "app_user.phone"));
  // The blind index is stable and keyed.
  EXPECT_EQ(keyring->blind_index("13812345678", "app_user.phone"),
            keyring->blind_index("13812345678", "app_user.phone"));
  EXPECT_NE(keyring->blind_index("13812345678", "app_user.phone"),
            keyring->blind_index("13812345679", "app_user.phone"));
  EXPECT_EQ(keyring->blind_index("13812345678", "app_user.phone").size(), 64u);
}

// Values of every length, up to a register's megabytes, come back as they went in.
TEST_F(KeyringTest, ValuesOfEveryLengthOpenAsTheyWereSealed) {
  auto keyring = Keyring::create(path, kCreated);
  ASSERT_TRUE(keyring);
  for (const std::size_t length : {0, 1, 15, 16, 17, 47, 48, 49, 4096, 3 << 20}) {
    std::string value(length, '\0');
    for (std::size_t i = 0; i < length; ++i) value[i] = static_cast<char>(i * 31 + length);
    const std::string sealed = keyring->seal(value, "resident_import.file");
    // "s1.<key>." and the base64 of IV, ciphertext and tag: nothing more, nothing less.
    EXPECT_EQ(sealed.size(), 5 + 4 * ((16 + length + 32 + 2) / 3)) << length;
    const auto opened = keyring->open(sealed, "resident_import.file");
    ASSERT_TRUE(opened) << length;
    EXPECT_EQ(*opened, value) << length;
    EXPECT_FALSE(keyring->open(sealed, "resident_person.name")) << length;
  }
}

// Derived keys (the volunteer hour chain, check-in codes) are stable for a key file, differ by
// purpose and between key files, and equal no blind index.
TEST_F(KeyringTest, DerivedKeysAreStablePerFileAndPurpose) {
  auto keyring = Keyring::create(path, kCreated);
  ASSERT_TRUE(keyring);
  const auto chain = keyring->derived_key("volunteer_hour.chain");
  EXPECT_EQ(Keyring::load(path)->derived_key("volunteer_hour.chain"), chain);
  EXPECT_NE(keyring->derived_key("volunteer.check_code"), chain);
  EXPECT_NE(to_hex(chain), keyring->blind_index("volunteer_hour.chain", "shequ.derived-key"));
  const auto other = folder / "other" / "personal-data.keys";
  auto another = Keyring::create(other.string(), kCreated);
  ASSERT_TRUE(another);
  EXPECT_NE(another->derived_key("volunteer_hour.chain"), chain);
}

// HMAC-SM3 is computed over a digest fetched once; OpenSSL's own HMAC is the reference.
TEST(HmacSm3, EqualsOpenSslsHmacForEveryKeyAndDataLength) {
  for (const std::size_t key_length : {0, 1, 32, 63, 64, 65, 200}) {
    for (const std::size_t data_length : {0, 3, 64, 1000}) {
      std::vector<unsigned char> key(key_length);
      for (std::size_t i = 0; i < key_length; ++i) key[i] = static_cast<unsigned char>(i * 7 + 1);
      std::string data(data_length, '\0');
      for (std::size_t i = 0; i < data_length; ++i) data[i] = static_cast<char>(i * 13 + 5);
      Mac expected{};
      unsigned int length = 0;
      ASSERT_NE(HMAC(EVP_sm3(), key.data(), static_cast<int>(key.size()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                     expected.data(), &length),
                nullptr);
      EXPECT_EQ(hmac_sm3(key, data), expected) << key_length << " " << data_length;
      // In parts, as a megabyte value is MACed without joining its parts.
      const std::string_view whole(data);
      EXPECT_EQ(hmac_sm3(key, {whole.substr(0, data_length / 3), whole.substr(data_length / 3)}),
                expected)
          << key_length << " " << data_length;
      EXPECT_EQ(hmac_sm3(key, {std::string_view(), whole, std::string_view()}), expected);
    }
  }
}

// The IV of a sealed value: the first 15 bytes, as the first 20 characters of its base64.
std::string iv_of(const std::string& sealed) {
  return sealed.substr(5, 20);
}

TEST_F(KeyringTest, EveryValueIsSealedWithItsOwnIvOnEveryThreadAndAfterAFork) {
  auto keyring = Keyring::create(path, kCreated);
  ASSERT_TRUE(keyring);
  std::vector<std::string> ivs[2];
  {
    std::vector<std::jthread> threads;
    for (auto& out : ivs) {
      threads.emplace_back([&] {
        for (int i = 0; i < 10'000; ++i) out.push_back(iv_of(keyring->seal("same", "t.v")));
      });
    }
  }
  std::set<std::string> distinct(ivs[0].begin(), ivs[0].end());
  distinct.insert(ivs[1].begin(), ivs[1].end());
  EXPECT_EQ(distinct.size(), 20'000u);

  // A forked child must not hand out the IVs its parent still holds.
  const std::string before = keyring->seal("same", "t.v");
  int pipe_ends[2];
  ASSERT_EQ(::pipe(pipe_ends), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string sealed = keyring->seal("same", "t.v");
    const auto written = ::write(pipe_ends[1], sealed.data(), sealed.size());
    ::_exit(written == static_cast<ssize_t>(sealed.size()) ? 0 : 1);
  }
  ::close(pipe_ends[1]);
  std::string from_child(200, '\0');
  const auto got = ::read(pipe_ends[0], from_child.data(), from_child.size());
  ::close(pipe_ends[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_GT(got, 20);
  from_child.resize(static_cast<std::size_t>(got));
  const std::string in_parent = keyring->seal("same", "t.v");
  EXPECT_NE(iv_of(from_child), iv_of(in_parent));
  EXPECT_NE(iv_of(from_child), iv_of(before));
  EXPECT_EQ(keyring->open(from_child, "t.v").value(), "same");
}

TEST_F(KeyringTest, RotationKeepsEarlierValuesReadable) {
  auto first = Keyring::create(path, kCreated);
  ASSERT_TRUE(first);
  const std::string old_value = first->seal("13812345678", "ctx");
  auto rotated = Keyring::rotate(path);
  ASSERT_TRUE(rotated);
  EXPECT_EQ(rotated->current_key(), 2);
  EXPECT_EQ(Keyring::key_of(old_value), 1);
  EXPECT_EQ(Keyring::key_of(rotated->seal("x", "ctx")), 2);
  EXPECT_EQ(rotated->open(old_value, "ctx").value(), "13812345678");
  EXPECT_EQ(rotated->blind_index("v", "ctx"), first->blind_index("v", "ctx"));
  auto reloaded = Keyring::load(path);
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(reloaded->current_key(), 2);
  EXPECT_EQ(reloaded->open(old_value, "ctx").value(), "13812345678");
}

TEST_F(KeyringTest, MissingOrDamagedFilesAreRefused) {
  EXPECT_EQ(Keyring::load(path).error().code, ErrorCode::unavailable);
  ASSERT_TRUE(Keyring::create(path, kCreated));
  for (const char* text : {"", "index 00\nkey 1 aa bb\n", "garbage\n", "index " /* no keys */}) {
    std::ofstream(path) << text;
    EXPECT_FALSE(Keyring::load(path)) << text;
  }
}

TEST_F(KeyringTest, AnExistingFileIsNeverTakenOverSilently) {
  ASSERT_TRUE(Keyring::create(path, kCreated));
  const auto again = Keyring::create(path, kCreated);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_NE(again.error().message.en.find("--reuse-keys"), std::string::npos);
}

// As OpenSSH refuses a private key others can read.
TEST_F(KeyringTest, AFileOrFolderOthersCanReadIsRefused) {
  ASSERT_TRUE(Keyring::create(path, kCreated));
  const std::filesystem::path keys_folder = std::filesystem::path(path).parent_path();
  struct Case {
    unsigned file_mode, folder_mode;
    bool accepted;
  };
  const Case cases[] = {{0600, 0700, true},  {0400, 0700, true},  {0640, 0700, false},
                        {0604, 0700, false}, {0660, 0700, false}, {0600, 0750, false},
                        {0600, 0705, false}, {0600, 0711, true}};
  for (const Case& c : cases) {
    ::chmod(path.c_str(), c.file_mode);
    ::chmod(keys_folder.c_str(), c.folder_mode);
    const auto loaded = Keyring::load(path);
    EXPECT_EQ(static_cast<bool>(loaded), c.accepted)
        << std::oct << c.file_mode << " in " << c.folder_mode;
    if (!loaded) {
      EXPECT_EQ(loaded.error().code, ErrorCode::unavailable);
      EXPECT_NE(loaded.error().message.en.find("chmod"), std::string::npos)
          << loaded.error().message.en;
    }
  }
  ::chmod(keys_folder.c_str(), 0700);
}

TEST_F(KeyringTest, AnOlderFileGainsTheAuditKeysOnlyWhenAskedTo) {
  auto keyring = Keyring::create(path, kCreated);
  ASSERT_TRUE(keyring);
  const std::string sealed = keyring->seal("13812345678", "ctx");
  // A file as an older shequ wrote it: no audit, sign or certificate lines.
  std::string text;
  {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      if (!line.starts_with("audit ") && !line.starts_with("sign ") &&
          !line.starts_with("certificate ")) {
        text += line + "\n";
      }
    }
  }
  std::ofstream(path, std::ios::trunc) << text;
  const auto old = Keyring::load(path);
  ASSERT_FALSE(old);
  EXPECT_NE(old.error().message.en.find("shequ keys upgrade"), std::string::npos);
  const TimePoint later = kCreated + std::chrono::hours(5);
  EXPECT_EQ(Keyring::add_missing_keys(path, later).value(),
            (std::vector<std::string>{"audit", "certificate"}));
  const auto upgraded = Keyring::load(path);
  ASSERT_TRUE(upgraded);
  EXPECT_EQ(upgraded->open(sealed, "ctx").value(), "13812345678");
  EXPECT_NE(upgraded->audit_chain_key(), keyring->audit_chain_key());  // new, not recovered
  ASSERT_EQ(upgraded->certificate_keys().size(), 1u);
  EXPECT_NE(upgraded->certificate_keys()[0].seed, keyring->certificate_keys()[0].seed);
  EXPECT_EQ(upgraded->certificate_keys()[0].since, format_timestamp(later));
  EXPECT_TRUE(Keyring::add_missing_keys(path, later).value().empty());  // once only
  EXPECT_EQ(Keyring::load(path)->audit_chain_key(), upgraded->audit_chain_key());
  EXPECT_EQ(mode_of(path), 0600u);
}

// A file from before certificates gains only a certificate key; its audit keys stay.
TEST_F(KeyringTest, AFileWithoutACertificateKeyGainsOne) {
  auto keyring = Keyring::create(path, kCreated);
  ASSERT_TRUE(keyring);
  std::string text;
  {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      if (!line.starts_with("certificate ")) text += line + "\n";
    }
  }
  std::ofstream(path, std::ios::trunc) << text;
  ASSERT_TRUE(Keyring::load(path)->certificate_keys().empty());  // still loads
  EXPECT_EQ(Keyring::add_missing_keys(path, kCreated).value(),
            std::vector<std::string>{"certificate"});
  EXPECT_EQ(Keyring::load(path)->audit_chain_key(), keyring->audit_chain_key());
}

// Rotation adds a key; the earlier ones stay in the file, in order, so that what they signed
// keeps verifying.
TEST_F(KeyringTest, CertificateKeysRotateAndTheEarlierOnesStay) {
  auto keyring = Keyring::create(path, kCreated);
  ASSERT_TRUE(keyring);
  ASSERT_EQ(keyring->certificate_keys().size(), 1u);
  EXPECT_EQ(keyring->certificate_keys()[0].id, 1);
  EXPECT_EQ(keyring->certificate_keys()[0].since, "2026-12-03T08:00:00.000Z");
  const TimePoint later = kCreated + std::chrono::hours(24);
  auto rotated = Keyring::rotate_certificate_key(path, later);
  ASSERT_TRUE(rotated);
  auto reloaded = Keyring::load(path);
  ASSERT_TRUE(reloaded);
  const auto& keys = reloaded->certificate_keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].seed, keyring->certificate_keys()[0].seed);
  EXPECT_EQ(keys[1].id, 2);
  EXPECT_EQ(keys[1].since, "2026-12-04T08:00:00.000Z");
  EXPECT_NE(keys[1].seed, keys[0].seed);
  EXPECT_EQ(reloaded->current_key(), keyring->current_key());  // the sealing keys are untouched
  // Lines out of order, or with a malformed seed or time, are refused.
  const std::string good = [&] {
    std::ifstream in(path);
    std::ostringstream all;
    all << in.rdbuf();
    return all.str();
  }();
  const std::string seed = to_hex(keys[0].seed);
  for (const std::string& bad : {"certificate 1 " + seed + " 2026-12-05T00:00:00.000Z\n",
                                 "certificate 3 " + seed.substr(2) + " 2026-12-05T00:00:00.000Z\n",
                                 "certificate 3 " + seed + " tomorrow\n"}) {
    std::ofstream(path, std::ios::trunc) << good << bad;
    EXPECT_FALSE(Keyring::load(path)) << bad;
  }
}

// Unified social credit codes (GB 32100-2015): real codes pass; each broken rule is named.
TEST(CreditCode, Gb32100Rules) {
  struct Case {
    std::string code;
    std::size_t reasons;  // 0: valid
  };
  const Case cases[] = {
      {"91350100M000100Y43", 0},  {"91110108551385082Q", 0},  {"51620102MJY000001T", 0},
      {"91350100M000100Y44", 1},  // check character
      {"9135010OM000100Y43", 1},  // O is not in the alphabet
      {"91350100m000100Y43", 1},  // lower case
      {"913501", 1},              // length
      {"91A50100M000100Y43", 2},  // region not digits, and so the check fails
  };
  for (const Case& c : cases) {
    const Status status = validate_credit_code(c.code, "creditCode");
    EXPECT_EQ(status ? 0u : status.error().details.size(), c.reasons) << c.code;
  }
  EXPECT_EQ(credit_code_check_character("91350100M000100Y4"), '3');
}

// Ed25519 as libsodium computes it: RFC 8032's first test vector, then tampering.
TEST(Ed25519, SignsAndVerifiesAsRfc8032) {
  const std::string hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  SigningSeed seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) {
    seed[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  }
  const PublicKey key = ed25519_public_key(seed);
  EXPECT_EQ(to_hex(key), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const Signature signature = ed25519_sign(seed, "");
  EXPECT_EQ(to_hex(signature),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39"
            "701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(ed25519_verify(key, "", signature));
  EXPECT_FALSE(ed25519_verify(key, "x", signature));
  Signature changed = signature;
  changed[10] ^= 1;
  EXPECT_FALSE(ed25519_verify(key, "", changed));
}

TEST(Base64Url, RoundTripsAndRefusesOtherText) {
  for (const std::string& value : {std::string(), std::string("f"), std::string("fo"),
                                   std::string("foo"), std::string("\xff\xfe\x00?", 4)}) {
    EXPECT_EQ(from_base64url(to_base64url(value)).value(), value);
  }
  EXPECT_EQ(to_base64url("\xfb\xff"), "-_8");
  EXPECT_FALSE(from_base64url("a+b/"));   // standard base64, not URL-safe
  EXPECT_FALSE(from_base64url("Zm9v="));  // padding
  EXPECT_FALSE(from_base64url("Zm9v!"));
}

}  // namespace
}  // namespace shequ::privacy
