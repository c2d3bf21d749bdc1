import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * A phone number, code or record number kept on one line: a browser may break "0532-86100001" after its hyphen, and
 * a number split over two lines is misread or mis-dialled. The line breaks before or after it instead.
 * @example <Unbroken>{center.phone}</Unbroken>
 */
export function Unbroken({ children }: { children: ReactNode }) {
  return <Text className="unbroken">{children}</Text>
}
