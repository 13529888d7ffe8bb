// The services module's HTTP routes: contracts (the list a unit buys, with its Excel twin), the
// services recorded against them, their evaluation, and the providers' records.
#pragma once

#include "http/router.hpp"
#include "services/contract_service.hpp"

namespace shequ::services {

// The service must outlive the router.
void add_routes(http::Router& router, const ContractService& service);

}  // namespace shequ::services
