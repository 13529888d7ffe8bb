// The community an account without a village-level role (an official looking at these pages)
// has chosen to look at, remembered on the device per account.
import { readSetting, writeSetting } from '@/utils/storage'

function key(account: string): string {
  return `h5.community.${account}`
}

export function chosenCommunity(account: string): string | null {
  return readSetting(key(account))
}

export function chooseCommunity(account: string, code: string | null): void {
  writeSetting(key(account), code)
}
