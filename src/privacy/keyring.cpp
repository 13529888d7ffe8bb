#include "privacy/keyring.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <pthread.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "common/files.hpp"
#include "common/strings.hpp"
#include "privacy/crypto.hpp"

namespace shequ::privacy {

namespace {

constexpr std::size_t kIv = 16;
constexpr std::size_t kTag = 32;

template <std::size_t N>
bool from_hex(std::string_view text, std::array<unsigned char, N>& out) {
  if (text.size() != 2 * N) return false;
  for (std::size_t i = 0; i < N; ++i) {
    unsigned value = 0;
    for (char c : text.substr(2 * i, 2)) {
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<unsigned>(c - 'a' + 10);
      else
        return false;
    }
    out[i] = static_cast<unsigned char>(value);
  }
  return true;
}

template <std::size_t N>
std::array<unsigned char, N> random_key() {
  std::array<unsigned char, N> key{};
  if (RAND_bytes(key.data(), static_cast<int>(N)) != 1) throw std::runtime_error("no randomness");
  return key;
}

// Bumped in a forked child, whose pools of random bytes (random_iv) are then stale: the parent's
// would hand out the same IVs.
std::atomic<uint64_t> fork_generation{0};

// An IV per sealed value, from a pool of OpenSSL's random bytes per thread refilled 4 KiB at a
// time: asking OpenSSL for 16 bytes at every value costs more than the encryption (locks and a
// fork check per call). Each byte of the pool is handed out once.
std::array<unsigned char, kIv> random_iv() {
  static const bool watching_forks = [] {
    return pthread_atfork(nullptr, nullptr, [] { ++fork_generation; }) == 0;
  }();
  if (!watching_forks) return random_key<kIv>();
  struct Pool {
    std::array<unsigned char, 4096> bytes{};
    std::size_t used = 4096;
    uint64_t generation = 0;
  };
  thread_local Pool pool;
  if (pool.used + kIv > pool.bytes.size() || pool.generation != fork_generation.load()) {
    if (RAND_bytes(pool.bytes.data(), static_cast<int>(pool.bytes.size())) != 1) {
      throw std::runtime_error("no randomness");
    }
    pool.used = 0;
    pool.generation = fork_generation.load();
  }
  std::array<unsigned char, kIv> iv{};
  std::copy_n(pool.bytes.begin() + static_cast<std::ptrdiff_t>(pool.used), kIv, iv.begin());
  std::fill_n(pool.bytes.begin() + static_cast<std::ptrdiff_t>(pool.used), kIv, 0);
  pool.used += kIv;
  return iv;
}

// Fetched once, for the reason given at sm3() in crypto.cpp.
const EVP_CIPHER* sm4_ctr_cipher() {
  static EVP_CIPHER* const cipher = [] {
    EVP_CIPHER* fetched = EVP_CIPHER_fetch(nullptr, "SM4-CTR", nullptr);
    if (fetched == nullptr) throw std::runtime_error("SM4-CTR is not available");
    return fetched;
  }();
  return cipher;
}

// SM4-CTR of `in` into `out` (in.size() bytes): the same operation encrypts and decrypts. One
// context per thread.
void sm4_ctr(const std::array<unsigned char, 16>& key, const unsigned char* iv, std::string_view in,
             char* out) {
  thread_local std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(
      EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int length = 0;
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), sm4_ctr_cipher(), key.data(), iv, nullptr) != 1 ||
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out), &length,
                        reinterpret_cast<const unsigned char*>(in.data()),
                        static_cast<int>(in.size())) != 1) {
    throw std::runtime_error("SM4-CTR failed");
  }
}

// Appends the base64 of `bytes` to `out`.
void append_base64(std::string& out, std::string_view bytes) {
  const std::size_t at = out.size();
  out.resize(at + 4 * ((bytes.size() + 2) / 3) + 1);
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + at),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(at + static_cast<std::size_t>(n));
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

const Text kKeyFile{"个人信息密钥文件", "personal-data key file"};

Error unreadable(const std::string& path, std::string_view why) {
  Error error = Error::unavailable(fmt::format("personal-data key file {}: {}", path, why));
  error.message = {fmt::format("个人信息密钥文件 {} 无法使用：{}", path, why),
                   fmt::format("the personal-data key file {} cannot be used: {}", path, why)};
  return error;
}

}  // namespace

Result<Keyring> Keyring::parse(const std::string& text, const std::string& path,
                               bool require_audit_keys) {
  Keyring keyring;
  bool has_index = false;
  bool has_audit = false;
  bool has_sign = false;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    if (kind == "index") {
      std::string value;
      fields >> value;
      if (!from_hex(value, keyring.index_key_)) return unreadable(path, "malformed index key");
      has_index = true;
    } else if (kind == "audit" || kind == "sign") {
      std::string value;
      fields >> value;
      auto& key = kind == "audit" ? keyring.audit_key_ : keyring.signing_seed_;
      if (!from_hex(value, key)) return unreadable(path, "malformed " + kind + " key");
      (kind == "audit" ? has_audit : has_sign) = true;
    } else if (kind == "certificate") {
      std::string id, seed, since;
      fields >> id >> seed >> since;
      CertificateKey key;
      const auto number = parse_decimal(id);
      const int previous =
          keyring.certificate_keys_.empty() ? 0 : keyring.certificate_keys_.back().id;
      if (!number || *number <= previous || !from_hex(seed, key.seed) || !parse_timestamp(since)) {
        return unreadable(path, "malformed certificate key line");
      }
      key.id = static_cast<int>(*number);
      key.since = since;
      keyring.certificate_keys_.push_back(key);
    } else if (kind == "key") {
      std::string id, cipher, mac;
      fields >> id >> cipher >> mac;
      Generation generation{};
      const auto number = parse_decimal(id);
      if (!number || *number < 1 || !from_hex(cipher, generation.cipher_key) ||
          !from_hex(mac, generation.mac_key)) {
        return unreadable(path, "malformed key line");
      }
      keyring.generations_[static_cast<int>(*number)] = generation;
    } else {
      return unreadable(path, "unknown line");
    }
  }
  if (!has_index || keyring.generations_.empty()) return unreadable(path, "incomplete");
  keyring.has_audit_keys_ = has_audit && has_sign;
  if (require_audit_keys && !keyring.has_audit_keys_) {
    return unreadable(path, "no audit keys (written by an older shequ): run shequ keys upgrade");
  }
  return keyring;
}

std::string Keyring::render(const Keyring& keyring) {
  std::string text =
      "# shequ personal-data keys. Keep this file outside the database, readable by shequ only,\n"
      "# and back it up apart from the database: without it the personal data cannot be read.\n";
  text += "index " + to_hex(keyring.index_key_) + "\n";
  if (keyring.has_audit_keys_) {
    text += "audit " + to_hex(keyring.audit_key_) + "\n";
    text += "sign " + to_hex(keyring.signing_seed_) + "\n";
  }
  for (const auto& [id, generation] : keyring.generations_) {
    text += fmt::format("key {} {} {}\n", id, to_hex(generation.cipher_key),
                        to_hex(generation.mac_key));
  }
  for (const CertificateKey& key : keyring.certificate_keys_) {
    text += fmt::format("certificate {} {} {}\n", key.id, to_hex(key.seed), key.since);
  }
  return text;
}

Status Keyring::write_file(const std::string& path, const std::string& text) {
  std::error_code ec;
  SHEQU_TRY(create_private_directories(std::filesystem::path(path).parent_path()));
  const std::string temporary = path + ".new";
  {
    const mode_t previous = umask(077);  // the file is created readable by its owner only
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    umask(previous);
    out << text;
    out.flush();
    if (!out) return unreadable(path, "cannot be written");
  }
  std::filesystem::permissions(
      temporary, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  std::filesystem::rename(temporary, path, ec);
  if (ec) return unreadable(path, ec.message());
  return {};
}

Result<Keyring> Keyring::read(const std::string& path, bool require_audit_keys) {
  if (!std::filesystem::exists(path)) return unreadable(path, "missing (run shequ init)");
  SHEQU_TRY(check_private_file(path, kKeyFile));
  std::ifstream in(path, std::ios::binary);
  if (!in) return unreadable(path, "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path, require_audit_keys);
}

Result<Keyring> Keyring::load(const std::string& path) {
  return read(path, /*require_audit_keys=*/true);
}

Result<Keyring> Keyring::create(const std::string& path, TimePoint now) {
  if (std::filesystem::exists(path)) {
    return Error::conflict(
        {fmt::format("个人信息密钥文件 {} 已存在：若确要沿用，请加 --reuse-keys；否则请移走它",
                     path),
         fmt::format("the personal-data key file {} exists already: give --reuse-keys to keep "
                     "using it, or move it away",
                     path)});
  }
  Keyring keyring;
  keyring.index_key_ = random_key<32>();
  keyring.generations_[1] = Generation{random_key<16>(), random_key<32>()};
  keyring.audit_key_ = random_key<32>();
  keyring.signing_seed_ = random_key<32>();
  keyring.has_audit_keys_ = true;
  keyring.certificate_keys_.push_back({1, random_key<32>(), format_timestamp(now)});
  SHEQU_TRY(write_file(path, render(keyring)));
  return keyring;
}

Result<std::vector<std::string>> Keyring::add_missing_keys(const std::string& path, TimePoint now) {
  SHEQU_ASSIGN_OR_RETURN(Keyring keyring, read(path, /*require_audit_keys=*/false));
  std::vector<std::string> added;
  if (!keyring.has_audit_keys_) {
    keyring.audit_key_ = random_key<32>();
    keyring.signing_seed_ = random_key<32>();
    keyring.has_audit_keys_ = true;
    added.emplace_back("audit");
  }
  if (keyring.certificate_keys_.empty()) {
    keyring.certificate_keys_.push_back({1, random_key<32>(), format_timestamp(now)});
    added.emplace_back("certificate");
  }
  if (!added.empty()) SHEQU_TRY(write_file(path, render(keyring)));
  return added;
}

Result<Keyring> Keyring::rotate_certificate_key(const std::string& path, TimePoint now) {
  SHEQU_ASSIGN_OR_RETURN(Keyring keyring, load(path));
  const int next = keyring.certificate_keys_.empty() ? 1 : keyring.certificate_keys_.back().id + 1;
  keyring.certificate_keys_.push_back({next, random_key<32>(), format_timestamp(now)});
  SHEQU_TRY(write_file(path, render(keyring)));
  return keyring;
}

Result<Keyring> Keyring::rotate(const std::string& path) {
  SHEQU_ASSIGN_OR_RETURN(Keyring keyring, load(path));
  keyring.generations_[keyring.current_key() + 1] = Generation{random_key<16>(), random_key<32>()};
  SHEQU_TRY(write_file(path, render(keyring)));
  return keyring;
}

std::string Keyring::seal(std::string_view plaintext, std::string_view context) const {
  // Written in place: a sealed register upload is megabytes, and each copy of it costs.
  const int id = current_key();
  const Generation& g = generations_.at(id);
  const std::array<unsigned char, kIv> iv = random_iv();
  std::string body(kIv + plaintext.size() + kTag, '\0');
  std::copy(iv.begin(), iv.end(), body.begin());
  sm4_ctr(g.cipher_key, iv.data(), plaintext, body.data() + kIv);
  const auto tag = hmac_sm3(g.mac_key, {fmt::format("{}|{}|", id, context),
                                        std::string_view(body).substr(0, kIv + plaintext.size())});
  std::copy(tag.begin(), tag.end(), body.end() - kTag);
  std::string sealed = fmt::format("s1.{}.", id);
  append_base64(sealed, body);
  return sealed;
}

int Keyring::key_of(std::string_view sealed) {
  if (!sealed.starts_with("s1.")) return 0;
  const auto dot = sealed.find('.', 3);
  if (dot == std::string_view::npos) return 0;
  const auto id = parse_decimal(sealed.substr(3, dot - 3));
  return id ? static_cast<int>(*id) : 0;
}

Result<std::string> Keyring::open(std::string_view sealed, std::string_view context) const {
  const int id = key_of(sealed);
  const auto generation = generations_.find(id);
  const auto body = unbase64(sealed.substr(sealed.find('.', 3) + 1));
  if (id == 0 || generation == generations_.end() || !body || body->size() < kIv + kTag) {
    return Error::internal("personal data: not a sealed value, or sealed with an unknown key");
  }
  const std::string_view data(*body);
  const auto expected = hmac_sm3(generation->second.mac_key, {fmt::format("{}|{}|", id, context),
                                                              data.substr(0, data.size() - kTag)});
  if (CRYPTO_memcmp(expected.data(), data.data() + data.size() - kTag, kTag) != 0) {
    return Error::internal("personal data: integrity check failed (tampered, or the wrong field)");
  }
  const std::string_view ciphertext = data.substr(kIv, data.size() - kIv - kTag);
  std::string plaintext(ciphertext.size(), '\0');
  sm4_ctr(generation->second.cipher_key, reinterpret_cast<const unsigned char*>(data.data()),
          ciphertext, plaintext.data());
  return plaintext;
}

std::string Keyring::blind_index(std::string_view value, std::string_view context) const {
  return to_hex(hmac_sm3(index_key_, std::string(context) + "|" + std::string(value)));
}

std::array<unsigned char, 32> Keyring::derived_key(std::string_view purpose) const {
  // HKDF's shape (RFC 5869) over HMAC-SM3: a pseudo-random key extracted from the index key with
  // a fixed salt, then one per purpose. The index key itself never MACs a purpose, so no blind
  // index, whatever its context, equals a derived key.
  static constexpr std::string_view kSalt = "shequ.derived-key";
  const Mac extracted = hmac_sm3(
      std::span(reinterpret_cast<const unsigned char*>(kSalt.data()), kSalt.size()),
      std::string_view(reinterpret_cast<const char*>(index_key_.data()), index_key_.size()));
  return hmac_sm3(extracted, {purpose, std::string_view("\x01", 1)});
}

}  // namespace shequ::privacy
