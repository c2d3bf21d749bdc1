import { cacheControlFor, IMMUTABLE, REVALIDATE } from '@cloud/server/static-cache'

describe('cacheControlFor', () => {
  describe('when the file is named after its content', () => {
    it.each(['/srv/h5/js/app.616e4514.js', '/srv/h5/js/131.a52d801e.js', '/srv/h5/css/23.546f5915ce7a7de8d7bf.css'])(
      'returns immutable for %s',
      (file) => expect(cacheControlFor(file)).toBe(IMMUTABLE),
    )
  })

  describe('when the name carries no content hash', () => {
    it.each([
      '/srv/h5/index.html',
      '/srv/h5/js/app.js',
      '/srv/h5/js/app.1234.js',
      '/srv/h5/js/app.616e4514.js.map',
      '/srv/h5/a.616e4514.html',
    ])('returns no-cache (revalidate) for %s', (file) => expect(cacheControlFor(file)).toBe(REVALIDATE))
  })
})
