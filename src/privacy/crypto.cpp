#include "privacy/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace shequ::privacy {

namespace {

// Fetched once: behind EVP_sm3() and HMAC() OpenSSL 3 looks the algorithm up in its provider
// store at every call (locks, hashing, parameter lists), most of what a short MAC costs.
const EVP_MD* sm3() {
  static EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SM3", nullptr);
    if (fetched == nullptr) throw std::runtime_error("SM3 is not available");
    return fetched;
  }();
  return md;
}

using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

void digest(EVP_MD_CTX* context, std::span<const unsigned char> first,
            std::initializer_list<std::string_view> rest, unsigned char* out) {
  bool ok = EVP_DigestInit_ex2(context, sm3(), nullptr) == 1 &&
            EVP_DigestUpdate(context, first.data(), first.size()) == 1;
  for (std::string_view part : rest) {
    ok = ok && EVP_DigestUpdate(context, part.data(), part.size()) == 1;
  }
  unsigned int length = 0;
  if (!ok || EVP_DigestFinal_ex(context, out, &length) != 1 || length != Mac{}.size()) {
    throw std::runtime_error("SM3 failed");
  }
}

// libsodium picks its fastest implementations once; sodium_init is safe to call again.
void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

Mac hmac_sm3(std::span<const unsigned char> key, std::string_view data) {
  return hmac_sm3(key, {data});
}

Mac hmac_sm3(std::span<const unsigned char> key, std::initializer_list<std::string_view> parts) {
  // RFC 2104 over the fetched digest, one context per thread.
  thread_local DigestContext context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context) throw std::runtime_error("HMAC-SM3: no digest context");
  constexpr std::size_t kBlock = 64;  // SM3's block
  std::array<unsigned char, kBlock> padded{};
  if (key.size() > kBlock) {
    digest(context.get(), key, {}, padded.data());
  } else {
    std::copy(key.begin(), key.end(), padded.begin());
  }
  std::array<unsigned char, kBlock> inner_pad{};
  std::array<unsigned char, kBlock> outer_pad{};
  for (std::size_t i = 0; i < kBlock; ++i) {
    inner_pad[i] = padded[i] ^ 0x36;
    outer_pad[i] = padded[i] ^ 0x5c;
  }
  Mac inner{};
  digest(context.get(), inner_pad, parts, inner.data());
  Mac out{};
  digest(context.get(), outer_pad,
         {std::string_view(reinterpret_cast<const char*>(inner.data()), inner.size())}, out.data());
  return out;
}

std::string to_hex(std::span<const unsigned char> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

std::string to_base64url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL libsodium writes
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 1, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

PublicKey ed25519_public_key(const SigningSeed& seed) {
  ensure_sodium();
  PublicKey key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret{};
  crypto_sign_seed_keypair(key.data(), secret.data(), seed.data());
  sodium_memzero(secret.data(), secret.size());
  return key;
}

Signature ed25519_sign(const SigningSeed& seed, std::string_view message) {
  ensure_sodium();
  PublicKey key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret{};
  crypto_sign_seed_keypair(key.data(), secret.data(), seed.data());
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret.data());
  sodium_memzero(secret.data(), secret.size());
  return signature;
}

bool ed25519_verify(const PublicKey& key, std::string_view message, const Signature& signature) {
  ensure_sodium();
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

}  // namespace shequ::privacy
