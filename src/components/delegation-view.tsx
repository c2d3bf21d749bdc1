/** How pages show a delegated case that cloud/functions/delegation/view.ts shaped: its state, its promised date, its timeline. */
import { Button, Image, Text, View } from '@tarojs/components'
import type { CaseDeadlineView, CaseEventView } from '../contract/delegation'
import { DELIVERY_TEXT, type CaseState } from '../core/delegation-states'
import './delegation-view.scss'
import { momentLabel } from '@/core/beijing-time'

const TONE: Record<CaseState, string> = {
  applied: 'tag--warn',
  accepted: 'tag--info',
  processing: 'tag--info',
  needs_supplement: 'tag--warn',
  submitted: 'tag--info',
  concluded: 'tag--ok',
  delivered: 'tag--ok',
  withdrawn: 'tag--warn',
  rejected: 'tag--bad',
}

/** A case's state in words; the colour only repeats what the words say. */
export function CaseStateTag({ state, text }: { state: CaseState; text: string }) {
  return <Text className={`tag ${TONE[state]}`}>{text}</Text>
}

/** The promise in one sentence, with 已超期 / 即将到期 said in words before it. */
export function DeadlineLine({ deadline }: { deadline: CaseDeadlineView | null }) {
  if (!deadline) return null
  const flag = !deadline.stopped && deadline.overdue ? '已超期' : deadline.dueSoon ? '即将到期' : null
  return (
    <View className={`case-deadline ${flag === '已超期' ? 'case-deadline--late' : flag ? 'case-deadline--soon' : ''}`}>
      {flag && <Text className={`tag ${flag === '已超期' ? 'tag--bad' : 'tag--warn'}`}>{flag}</Text>}
      <Text className="case-deadline__text">{deadline.text}</Text>
    </View>
  )
}

/** One step's extra facts in words (what is missing, where it went, the result, how it came back). */
function facts(e: CaseEventView): string[] {
  const lines: string[] = []
  if (e.missing?.length) lines.push(`缺少：${e.missing.join('、')}`)
  if (e.department) lines.push(`报送：${e.department}`)
  if (e.result) lines.push(`结果：${e.result}`)
  if (e.delivery) lines.push(`方式：${DELIVERY_TEXT[e.delivery]}`)
  return lines
}

interface CaseTimelineProps {
  events: CaseEventView[]
  /** Photos already loaded, by id; a photo not loaded yet shows as a button. */
  photos?: Record<string, string>
  onShowPhoto?: (photoId: string) => void
}

/** The case's steps, newest first: when, who, what, and the note. */
export function CaseTimeline({ events, photos = {}, onShowPhoto }: CaseTimelineProps) {
  return (
    <View className="case-timeline">
      {[...events].reverse().map((e) => (
        <View key={e.seq} className="case-timeline__step">
          <Text className="case-timeline__when">
            {momentLabel(e.at)} · {e.actorName}
          </Text>
          <Text className="case-timeline__what">{e.text}</Text>
          {facts(e).map((line) => (
            <Text key={line} className="case-timeline__note">
              {line}
            </Text>
          ))}
          {e.note && <Text className="case-timeline__note">说明：{e.note}</Text>}
          {e.photoIds && e.photoIds.length > 0 && (
            <View className="case-photos">
              {e.photoIds.map((id, i) =>
                photos[id] ? (
                  <Image
                    key={id}
                    className="case-photos__img"
                    src={photos[id]}
                    mode="widthFix"
                    aria-label={`补交材料照片 ${i + 1}`}
                    nativeProps={{ alt: `补交材料照片 ${i + 1}` }}
                  />
                ) : (
                  <Button key={id} className="btn case-photos__show" onClick={() => onShowPhoto?.(id)}>
                    查看照片 {i + 1}
                  </Button>
                ),
              )}
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
