/**
 * The numbers a resident reads out, dials or types inside a sentence the server wrote (a 消息, a notice): phones,
 * case numbers, home-certification numbers, ticket numbers and booking codes. A browser may break "0532-86100001"
 * after its hyphen or "DB20261126-0002" before its tail; the page keeps each run found here on one line.
 */
const WHOLE = /0\d{2,3}-\d{7,8}|1[3-9]\d{9}|DB\d{8}-\d{4}|\d{8}-\d{3}|\b[A-Z]\d{3}\b|\b(?=[A-Z2-9]*\d)(?=[A-Z2-9]*[A-Z])[A-Z2-9]{6}\b/g

export interface TextRun {
  text: string
  /** A number to keep on one line. */
  whole: boolean
}

/**
 * The text cut into runs, each number its own run marked `whole`; the runs joined are the text.
 * @example wholeNumberRuns('代办件 DB20261126-0002 已受理') // [{ text: '代办件 ', whole: false }, { text: 'DB20261126-0002', whole: true }, { text: ' 已受理', whole: false }]
 */
export function wholeNumberRuns(text: string): TextRun[] {
  const runs: TextRun[] = []
  let at = 0
  for (const m of text.matchAll(WHOLE)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), whole: false })
    runs.push({ text: m[0], whole: true })
    at = m.index + m[0].length
  }
  if (at < text.length) runs.push({ text: text.slice(at), whole: false })
  return runs
}
