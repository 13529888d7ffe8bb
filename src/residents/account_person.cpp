#include "residents/account_person.hpp"

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_repository.hpp"

namespace shequ::residents {

Result<std::optional<Person>> person_of_account(storage::Session& s,
                                                const privacy::Keyring& keyring,
                                                const org::OrgTree& tree, int64_t user_id) {
  using Found = std::optional<Person>;
  if (user_id <= 0) return Found();
  SHEQU_ASSIGN_OR_RETURN(const auto user, auth::AuthRepository::find_user(s, user_id));
  if (!user || user->phone_sealed.empty()) return Found();
  SHEQU_ASSIGN_OR_RETURN(const std::string phone,
                         keyring.open(user->phone_sealed, auth::kPhoneContext));
  std::vector<std::string> roots;
  for (const org::UnitView& root : tree.roots()) roots.push_back(root.unit.code);
  SHEQU_ASSIGN_OR_RETURN(
      std::vector<Person> people,
      repository::find_people_by_phone(s, keyring.blind_index(phone, kPhoneContext), roots));
  Person* chosen = nullptr;
  for (Person& p : people) {
    if (!p.household_id || p.anonymised_at) continue;
    if (!chosen || p.id < chosen->id) chosen = &p;
  }
  if (!chosen) return Found();
  return Found(std::move(*chosen));
}

}  // namespace shequ::residents
