// Certificates of volunteer hours (volunteer/certificate.hpp): issued to a volunteer for their own
// hours, or by the staff of their unit for one without a phone; checked by anyone.
//
// Thread-safe: immutable after construction; every reference must outlive the service.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "volunteer/certificate.hpp"
#include "volunteer/volunteer_repository.hpp"

namespace shequ::volunteer {

struct IssuedCertificate {
  std::string number;
  std::string pdf;
};

class CertificateService {
 public:
  // `public_origin` ("https://shequ.gansu.gov.cn") starts the verify link of the QR code.
  CertificateService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                     const Clock& clock, const privacy::Keyring& keyring,
                     std::string public_origin);

  // The caller's own certificate (volunteer:self:join). conflict when they have no confirmed
  // hours (or never volunteered); unavailable when the key file has no certificate key (shequ keys
  // upgrade).
  Result<IssuedCertificate> mine(const Actor& actor) const;
  // A volunteer's certificate, for the staff over their unit (volunteer:hours:read).
  Result<IssuedCertificate> of_volunteer(const Actor& actor, int64_t volunteer_id) const;

  // Anyone: a payload (from the QR code's link) or a certificate's file.
  Result<Verification> verify_payload(std::string_view payload) const;
  Result<Verification> verify_document(std::string_view pdf) const;
  // Every certificate key ever used, with when it was retired.
  const std::vector<PublishedKey>& keys() const { return keys_; }

 private:
  // Issues the certificate of `row`'s volunteer, read in the caller's transaction `s`.
  Result<IssuedCertificate> issue(const Actor& actor, const repository::VolunteerRow& row,
                                  int64_t issued_by, std::string_view permission,
                                  storage::Session& s) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  std::string public_origin_;
  std::vector<PublishedKey> keys_;
};

}  // namespace shequ::volunteer
