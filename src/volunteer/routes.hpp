// The volunteer module's HTTP routes (/api/v1/volunteer/...; the public check of certificates
// under /api/v1/public/certificates and their keys at /.well-known/): thin handlers over
// VolunteerService and CertificateService.
#pragma once

#include "http/router.hpp"
#include "org/org_service.hpp"
#include "volunteer/certificate_service.hpp"
#include "volunteer/organisation_service.hpp"
#include "volunteer/volunteer_service.hpp"

namespace shequ::volunteer {

// The services must outlive the router.
void add_routes(http::Router& router, const VolunteerService& service,
                const CertificateService& certificates, const OrganisationService& organisations,
                const org::OrgService& org);

}  // namespace shequ::volunteer
