import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { wholeNumberRuns } from '@/core/whole-numbers'

/**
 * A phone number, code or record number kept on one line: a browser may break "0532-86100001" after its hyphen, and
 * a number split over two lines is misread or mis-dialled. The line breaks before or after it instead.
 * @example <Unbroken>{center.phone}</Unbroken>
 */
export function Unbroken({ children }: { children: ReactNode }) {
  return <Text className="unbroken">{children}</Text>
}

/**
 * A sentence the server wrote (a 消息, a notice), with each phone, case or ticket number in it kept on one line.
 * @example <Text><NumbersWhole text={message.body} /></Text>
 */
export function NumbersWhole({ text }: { text: string }) {
  return <>{wholeNumberRuns(text).map((run, i) => (run.whole ? <Unbroken key={i}>{run.text}</Unbroken> : run.text))}</>
}
