import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { Tabs } from '@/components/tabs'

/** The tab list 我的预约 and 我的代办 share, rendered with Taro's H5 components in jsdom. */
describe('Tabs', () => {
  function Harness({ look }: { look?: 'compact' | 'choices' }) {
    const [tab, setTab] = useState<'a' | 'b' | 'c'>('a')
    return (
      <Tabs
        tabs={[
          { key: 'a', name: '待办理' },
          { key: 'b', name: '已完成' },
          { key: 'c', name: '已取消', disabled: true },
        ]}
        current={tab}
        onChange={setTab}
        look={look}
        tabClassName={look === 'choices' ? 'case-choice' : undefined}
      />
    )
  }

  it('is a tablist of tabs; the current one is aria-selected and marked on', () => {
    const { container } = render(<Harness />)
    expect(container.querySelector('[role="tablist"]')?.className).toBe('choices tabs')
    const tabs = Array.from(container.querySelectorAll('[role="tab"]'))
    expect(tabs.map((t) => t.textContent)).toEqual(['待办理', '已完成', '已取消'])
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false'])
    expect(tabs[0].className).toContain('choice--on')
    expect(tabs[1].className).not.toContain('choice--on')
    expect(tabs[0].className).toContain('tab')
  })

  it('switches on a tap and says disabled only where a tab is', () => {
    const { container } = render(<Harness />)
    fireEvent.click(screen.getByText('已完成'))
    const tabs = Array.from(container.querySelectorAll('[role="tab"]'))
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false'])
    // `disabled={x || undefined}`: no disabled="false" left on the enabled ones.
    expect(tabs.map((t) => t.hasAttribute('disabled'))).toEqual([false, false, true])
  })

  it('the choices look wraps and grows, with the caller’s extra class', () => {
    const { container } = render(<Harness look="choices" />)
    expect(container.querySelector('[role="tablist"]')?.className).toBe('choices choices--wrap')
    const first = container.querySelector('[role="tab"]')!
    expect(first.className.split(/\s+/)).toEqual(expect.arrayContaining(['choice', 'choice--grow', 'case-choice', 'choice--on']))
  })
})
