/** How pages show a home-certification request that cloud/functions/homecert/view.ts shaped: the heading with its state, the timeline. */
import { Text, View } from '@tarojs/components'
import type { HomecertStep } from '../contract/homecert'
import type { HomecertStatus } from '../core/home-certification-states'
import './homecert-view.scss'
import { momentLabel } from '@/core/beijing-time'

const TONE: Record<HomecertStatus, string> = {
  submitted: 'tag--info',
  assigned: 'tag--info',
  scheduled: 'tag--info',
  visiting: 'tag--info',
  not_home: 'tag--warn',
  certified: 'tag--ok',
  ineligible: 'tag--bad',
  closed_other: 'tag--warn',
  cancelled: 'tag--warn',
}

/** A home-certification request's state in words; the colour only repeats what the words say. */
function HomecertStatusTag({ status, text }: { status: HomecertStatus; text: string }) {
  return <Text className={`tag ${TONE[status]}`}>{text}</Text>
}

/** "超时" said in words, for requests waiting too long for a visit to be agreed. */
function OverdueTag() {
  return <Text className="tag tag--bad">已超时</Text>
}

/**
 * A request card's first row: the title, then its state in words and 已超时 when it waits too long.
 * Staff lists put 已超时 first (what to act on); families read the state first.
 */
export function HomecertHeading({
  title,
  status,
  statusText,
  overdue,
  overdueFirst = false,
}: {
  title: string
  status: HomecertStatus
  statusText: string
  overdue: boolean
  overdueFirst?: boolean
}) {
  const overdueTag = overdue && <OverdueTag />
  return (
    <View className="row-spread">
      <Text className="card__title">{title}</Text>
      <View className="hc-tags">
        {overdueFirst && overdueTag}
        <HomecertStatusTag status={status} text={statusText} />
        {!overdueFirst && overdueTag}
      </View>
    </View>
  )
}

/** The request's steps, oldest first, each with when, what and any note. */
export function HomecertTimeline({ steps }: { steps: HomecertStep[] }) {
  return (
    <View className="hc-timeline">
      {steps.map((s, i) => (
        <View key={i} className="hc-timeline__step">
          <Text className="hc-timeline__when">
            {momentLabel(s.at)} · {s.statusText}
          </Text>
          <Text className="hc-timeline__text">{s.text}</Text>
          {s.note && <Text className="hc-timeline__note">备注：{s.note}</Text>}
        </View>
      ))}
    </View>
  )
}
