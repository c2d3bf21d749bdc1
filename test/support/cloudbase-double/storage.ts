/**
 * Cloud storage in the CloudBase double: the REAL `wx-server-sdk` storage calls (`cloud.uploadFile`,
 * `cloud.getTempFileURL`, `cloud.deleteFile` → @cloudbase/node-sdk's storage module) with the network
 * cut where @cloudbase/node-sdk sends them:
 * - `utils/tcbapirequester.request({ params: { action, … } })` — the API calls the SDK makes:
 *   `storage.getUploadMetadata` (`path`, `method: 'put'`), `storage.batchGetDownloadUrl`
 *   (`file_list: [{ fileid, max_age }]`), `storage.batchDeleteFile` (`fileid_list`);
 * - `utils/request-core.request({ method: 'put', url, headers }, cb)` — the upload of the bytes to
 *   the COS URL the metadata named, streamed into the request the SDK pipes into.
 * Answers are shaped as the server sends them (`{ requestId, data: … }`, per-file `code`), so the
 * SDK's own mapping (fileID, tempFileURL, status -503003 for a missing file) runs on them.
 *
 * One process-wide interception, answered by the storage of the newest double (like `cloud.init`,
 * which is process-wide too): tests build one double at a time.
 */
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import type { CloudStorageApi } from '@cloud/store/cloudbase/cloud-files'

const fromSdk = createRequire(require.resolve('wx-server-sdk'))
const fromNodeSdk = createRequire(fromSdk.resolve('@cloudbase/node-sdk'))
const api = fromNodeSdk('@cloudbase/node-sdk/dist/utils/tcbapirequester') as { request: unknown }
const core = fromNodeSdk('@cloudbase/node-sdk/dist/utils/request-core') as { request: unknown }
const { processReturn } = fromNodeSdk('@cloudbase/node-sdk/dist/utils/utils') as { processReturn(result: object): never }

/** The real SDK module, typed as the adapter's storage API (cloud.init is done by the database double). */
export const realSdkStorage = fromSdk('wx-server-sdk') as CloudStorageApi

const BUCKET = 'fake-1250000000'
const COS = `https://${BUCKET}.cos.ap-shanghai.myqcloud.com/`

/** What the fake storage saw: one entry per API call or upload, in order. */
export interface StorageRequest {
  action: string
  params: Record<string, unknown>
}

export class FakeStorage {
  private readonly objects = new Map<string, Buffer>()
  private readonly links = new Map<string, { path: string; expires: number }>()
  readonly requests: StorageRequest[] = []

  constructor(private readonly env: string) {}

  /** Paths of every stored object. */
  paths(): string[] {
    return [...this.objects.keys()].sort()
  }

  /** What GET on a temp URL answers at `now` (ms): the bytes while the link lives and the object exists. */
  fetch(url: string, now = Date.now()): Buffer | null {
    const link = this.links.get(url)
    if (!link || link.expires < now) return null
    return this.objects.get(link.path) ?? null
  }

  private pathOf(fileId: unknown): string | null {
    const prefix = `cloud://${this.env}.${BUCKET}/`
    return typeof fileId === 'string' && fileId.startsWith(prefix) ? fileId.slice(prefix.length) : null
  }

  api(params: Record<string, unknown>): Record<string, unknown> {
    const action = String(params.action)
    this.requests.push({ action, params })
    const requestId = randomBytes(8).toString('hex')
    switch (action) {
      case 'storage.getUploadMetadata': {
        const path = String(params.path)
        return {
          requestId,
          data: {
            url: `${COS}${path}`,
            token: 'fake-token',
            authorization: 'fake-signature',
            fileId: `cloud://${this.env}.${BUCKET}/${path}`,
            cosFileId: randomBytes(8).toString('hex'),
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = params.file_list as { fileid: string; max_age?: number }[]
        const download_list = list.map(({ fileid, max_age }) => {
          const path = this.pathOf(fileid)
          if (!path || !this.objects.has(path)) return { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' }
          const url = `${COS}${path}?sign=${randomBytes(12).toString('hex')}&t=${Math.floor(Date.now() / 1000) + (max_age ?? 86400)}`
          this.links.set(url, { path, expires: Date.now() + (max_age ?? 86400) * 1000 })
          return { fileID: fileid, code: 'SUCCESS', tempFileURL: url, maxAge: max_age }
        })
        return { requestId, data: { download_list } }
      }
      case 'storage.batchDeleteFile': {
        const delete_list = (params.fileid_list as string[]).map((fileID) => {
          const path = this.pathOf(fileID)
          if (!path || !this.objects.delete(path)) return { fileID, code: 'STORAGE_FILE_NONEXIST' }
          return { fileID, code: 'SUCCESS' }
        })
        return { requestId, data: { delete_list } }
      }
      default:
        return { code: 'INVALID_ACTION', message: `the fake storage does not answer ${action}` }
    }
  }

  /** The PUT of an upload's bytes to the COS URL of its metadata. */
  upload(url: string, bytes: Buffer): void {
    this.requests.push({ action: 'cos.put', params: { url, bytes: bytes.length } })
    if (!url.startsWith(COS)) throw new Error(`upload to an unknown URL: ${url}`)
    this.objects.set(decodeURIComponent(url.slice(COS.length)), bytes)
  }
}

let current: FakeStorage | null = null

function storage(): FakeStorage {
  if (!current) throw new Error('no fake storage: build it with createCloudbaseDouble()')
  return current
}

api.request = async (args: { params: Record<string, unknown> }) => {
  const result = storage().api(args.params)
  // @cloudbase/node-sdk's requester: an answer with a code is thrown as its TcbError.
  return result.code ? processReturn(result) : result
}

core.request = (opts: { method: string; url: string }, cb: (err: Error | null, res?: object, body?: string) => void) => {
  const chunks: Buffer[] = []
  const target = storage()
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk))
      done()
    },
    final(done) {
      try {
        if (opts.method !== 'put') throw new Error(`unexpected ${opts.method} to ${opts.url}`)
        target.upload(opts.url, Buffer.concat(chunks))
        done()
        // COS answers an empty body on success.
        cb(null, { statusCode: 200 }, '')
      } catch (err) {
        done()
        cb(err as Error)
      }
    },
  })
}

/** A fresh storage for a new double; the process's storage calls go to it from now on. */
export function newFakeStorage(env: string): FakeStorage {
  current = new FakeStorage(env)
  return current
}
