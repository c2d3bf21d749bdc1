/** `npm run upload:weapp` (scripts/upload-weapp.ts): without the AppID and the upload key it names them and uploads nothing. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { uploadSettings } from '../../scripts/upload-weapp'

const root = path.resolve(__dirname, '../..')

describe('npm run upload:weapp without the AppID and the upload key', () => {
  it('names both, exits non-zero and uploads nothing', () => {
    const env: NodeJS.ProcessEnv = { ...process.env }
    for (const name of ['WX_APPID', 'WX_UPLOAD_KEY_PATH', 'WX_UPLOAD_ROBOT']) delete env[name]
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/upload-weapp.ts')], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('WX_APPID: the mini-program AppID')
    expect(run.stderr).toContain('WX_UPLOAD_KEY_PATH: the file of the code-upload key')
    expect(run.stderr).toContain('Nothing was uploaded.')
    expect(run.stdout).not.toContain('Uploading')
  })
})

describe('uploadSettings', () => {
  // A repository with a weapp build and a key file, in a temp folder.
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-weapp-'))
  fs.mkdirSync(path.join(repo, 'dist/weapp'), { recursive: true })
  fs.writeFileSync(path.join(repo, 'dist/weapp/app.json'), '{}')
  fs.writeFileSync(path.join(repo, 'package.json'), '{"version":"1.2.3"}')
  fs.writeFileSync(path.join(repo, 'upload.key'), 'key')
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }))
  const good = { WX_APPID: 'wx0123456789abcdef', WX_UPLOAD_KEY_PATH: 'upload.key' }

  it('gives the settings when the AppID, the key file and the build are there', () => {
    expect(uploadSettings(good, repo)).toEqual({
      problems: [],
      settings: {
        appid: 'wx0123456789abcdef',
        privateKeyPath: path.join(repo, 'upload.key'),
        projectPath: path.join(repo, 'dist/weapp'),
        version: '1.2.3',
        desc: expect.stringContaining('upload:weapp'),
        robot: 1,
      },
    })
  })

  it.each([
    ['an AppID that is not one', { WX_APPID: 'touristappid' }, 'WX_APPID: "touristappid" is not an AppID (wx followed by 16 hex digits)'],
    ['a key path with no file', { WX_UPLOAD_KEY_PATH: 'missing.key' }, `WX_UPLOAD_KEY_PATH: no file at ${path.join(repo, 'missing.key')}`],
    ['a robot out of 1–30', { WX_UPLOAD_ROBOT: '31' }, 'WX_UPLOAD_ROBOT: "31" is not a robot number 1–30'],
  ])('refuses %s, saying so', (_, change, problem) => {
    expect(uploadSettings({ ...good, ...change }, repo)).toEqual({ problems: [problem] })
  })

  it('refuses when there is no weapp build', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-weapp-'))
    fs.writeFileSync(path.join(empty, 'upload.key'), 'key')
    try {
      expect(uploadSettings(good, empty).problems).toEqual([expect.stringContaining('dist/weapp: no weapp build')])
    } finally {
      fs.rmSync(empty, { recursive: true, force: true })
    }
  })
})
