/**
 * A fresh id for one submit. The page keeps it across retries of that submit,
 * so a double tap or a retry after a network error never books twice.
 */
export function newRequestId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let id = Date.now().toString(36)
  for (let i = 0; i < 16; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)]
  return id
}
