#include "privacy/crypto.hpp"

#include <openssl/evp.h>

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

}  // namespace shequ::privacy
