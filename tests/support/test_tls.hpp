// Throwaway certificate authorities for the tests of the https path: made in memory when a test
// needs one (an EC P-256 key, SHA-256 signatures), never written but where the test asks.
//
// Thread-safe: every call makes its own keys.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace shequ::testing {

// A server's certificate chain and key, in PEM, as an https server loads them.
struct TlsServerIdentity {
  std::string certificate_pem;  // the server's certificate
  std::string key_pem;          // its private key (PKCS#8)
};

class TestAuthority {
 public:
  // A self-signed authority named `name` (CN), valid from an hour ago for a year.
  explicit TestAuthority(const std::string& name);
  ~TestAuthority();
  TestAuthority(const TestAuthority&) = delete;
  TestAuthority& operator=(const TestAuthority&) = delete;

  // The authority's certificate, as a client's file of trusted authorities holds it.
  std::string certificate_pem() const;

  // A server certificate signed by this authority for `names` (each an IP address or a DNS
  // name, put in the subject alternative names), valid from `not_before` to `not_after`
  // relative to now.
  TlsServerIdentity issue(const std::vector<std::string>& names,
                          std::chrono::seconds not_before = std::chrono::hours(-1),
                          std::chrono::seconds not_after = std::chrono::hours(24 * 30)) const;

 private:
  struct Keys;  // the OpenSSL key and certificate, kept out of this header
  std::unique_ptr<Keys> keys_;
};

}  // namespace shequ::testing
