// localStorage that never throws (private windows and tests have none).

function store(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function readSetting(key: string): string | null {
  try {
    return store()?.getItem(`shequ.${key}`) ?? null
  } catch {
    return null
  }
}

export function writeSetting(key: string, value: string | null): void {
  try {
    const s = store()
    if (!s) return
    if (value === null) s.removeItem(`shequ.${key}`)
    else s.setItem(`shequ.${key}`, value)
  } catch {
    // Storage full or blocked: the setting is simply not remembered.
  }
}
