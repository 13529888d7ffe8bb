// Checking permissions. Each module declares its own (the labels in src/modules/<name>/locales/
// name every one; PERMISSIONS in src/modules/registry.ts lists them).

/** A route or button needs any one of `required` (none required: always allowed). */
export function allows(held: readonly string[], required: string | readonly string[] | undefined): boolean {
  if (required === undefined) return true
  const list = typeof required === 'string' ? [required] : required
  if (list.length === 0) return true
  return list.some((p) => held.includes(p))
}
