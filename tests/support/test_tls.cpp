#include "support/test_tls.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <stdexcept>

namespace shequ::testing {

namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertificateFree {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CertificatePtr = std::unique_ptr<X509, CertificateFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test TLS: ") + what);
}

KeyPtr new_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EC key");
  return key;
}

// A certificate for `subject`'s key named `common_name`, valid over the given offsets from now,
// with the extensions `extensions` (name, value in OpenSSL's configuration syntax), signed by
// `issuer_key` under `issuer` (itself when null).
CertificatePtr make_certificate(EVP_PKEY* subject, const std::string& common_name,
                                std::chrono::seconds not_before, std::chrono::seconds not_after,
                                const std::vector<std::pair<int, std::string>>& extensions,
                                X509* issuer, EVP_PKEY* issuer_key) {
  CertificatePtr certificate(X509_new());
  check(certificate != nullptr, "certificate");
  X509* x = certificate.get();
  check(X509_set_version(x, 2) == 1, "version");
  unsigned char serial[16];
  check(RAND_bytes(serial, sizeof serial) == 1, "serial");
  serial[0] &= 0x7f;  // positive
  BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
  check(number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x)) != nullptr,
        "serial");
  BN_free(number);
  check(X509_gmtime_adj(X509_getm_notBefore(x), not_before.count()) != nullptr, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(x), not_after.count()) != nullptr, "notAfter");
  X509_NAME* name = X509_get_subject_name(x);
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                   -1, 0) == 1,
        "subject");
  check(X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name) == 1, "issuer");
  check(X509_set_pubkey(x, subject) == 1, "public key");
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer ? issuer : x, x, nullptr, nullptr, 0);
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    check(extension != nullptr && X509_add_ext(x, extension, -1) == 1, "extension");
    X509_EXTENSION_free(extension);
  }
  check(X509_sign(x, issuer_key, EVP_sha256()) > 0, "signature");
  return certificate;
}

std::string pem_of(X509* certificate) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_X509(bio.get(), certificate) == 1, "certificate PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "key PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

bool is_ip_address(const std::string& name) {
  unsigned char address[16];
  return inet_pton(AF_INET, name.c_str(), address) == 1 ||
         inet_pton(AF_INET6, name.c_str(), address) == 1;
}

}  // namespace

struct TestAuthority::Keys {
  KeyPtr key;
  CertificatePtr certificate;
};

TestAuthority::TestAuthority(const std::string& name) : keys_(std::make_unique<Keys>()) {
  keys_->key = new_key();
  keys_->certificate =
      make_certificate(keys_->key.get(), name, std::chrono::hours(-1), std::chrono::hours(24 * 365),
                       {{NID_basic_constraints, "critical,CA:TRUE"},
                        {NID_key_usage, "critical,keyCertSign,cRLSign"},
                        {NID_subject_key_identifier, "hash"}},
                       nullptr, keys_->key.get());
}

TestAuthority::~TestAuthority() = default;

std::string TestAuthority::certificate_pem() const {
  return pem_of(keys_->certificate.get());
}

TlsServerIdentity TestAuthority::issue(const std::vector<std::string>& names,
                                       std::chrono::seconds not_before,
                                       std::chrono::seconds not_after) const {
  check(!names.empty(), "a certificate names at least one host");
  std::string alternative;
  for (const std::string& name : names) {
    if (!alternative.empty()) alternative += ",";
    alternative += (is_ip_address(name) ? "IP:" : "DNS:") + name;
  }
  const KeyPtr key = new_key();
  const CertificatePtr certificate =
      make_certificate(key.get(), names.front(), not_before, not_after,
                       {{NID_basic_constraints, "critical,CA:FALSE"},
                        {NID_key_usage, "critical,digitalSignature"},
                        {NID_ext_key_usage, "serverAuth"},
                        {NID_subject_alt_name, alternative},
                        {NID_authority_key_identifier, "keyid:always"}},
                       keys_->certificate.get(), keys_->key.get());
  return {pem_of(certificate.get()), pem_of(key.get())};
}

}  // namespace shequ::testing
