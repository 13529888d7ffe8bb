// 承接组织 in the contract dialog: the social organisations the buying unit may contract, as the
// server lists them (registered within the buyer's county, volunteer teams left out, whether or not
// the caller reads the county's register), searched by name as the user types. The first page is
// asked for whenever there is a buyer to ask for (the dialog opened, another unit chosen); the one
// chosen stays among the options while another page is shown.
import { watch } from 'vue'
import { listCandidates } from '@/api/services'
import { useRemoteOptions, type RemoteOptions } from '@/composables/useRemoteOptions'
import type { ProviderChoice } from '@/utils/services'

/** How many candidates the select shows at once; typing narrows them. */
export const CANDIDATE_PAGE_SIZE = 20

/** `buyer`: the buying unit, or null while there is none to ask for (the dialog closed, no unit chosen). */
export function useProviderCandidates(buyer: () => string | null): RemoteOptions<ProviderChoice> {
  const remote = useRemoteOptions<ProviderChoice>((q) => {
    const unit = buyer()
    return unit ? listCandidates({ unit, q, pageSize: CANDIDATE_PAGE_SIZE }) : Promise.resolve({ items: [], total: 0 })
  })
  watch(
    buyer,
    (unit) => {
      if (unit) void remote.search('')
    },
    { immediate: true },
  )
  return remote
}
