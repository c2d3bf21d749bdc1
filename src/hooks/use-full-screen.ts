import { useEffect } from 'react'

/**
 * The hall's own screens (叫号屏, 自助取号机) fill the whole display, not the phone-sized column the app uses on
 * a desktop browser. H5 only: in WeChat a page is the screen already. `className` goes on <html> while the page
 * is open, for the page's background.
 */
export function useFullScreen(className: string): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const body = document.body
    const html = document.documentElement
    const before = { maxWidth: body.style.maxWidth, boxShadow: body.style.boxShadow }
    body.style.maxWidth = 'none'
    body.style.boxShadow = 'none'
    html.classList.add(className)
    return () => {
      body.style.maxWidth = before.maxWidth
      body.style.boxShadow = before.boxShadow
      html.classList.remove(className)
    }
  }, [className])
}
