/**
 * Cloud storage in the CloudBase double (storage.ts): the real wx-server-sdk storage calls, with what they send
 * pinned here — the adapter (cloud/store/cloudbase/cloud-files.ts) relies on these shapes; a real environment
 * confirms them (docs/deploy-cloudbase.md, "What only a real environment can confirm").
 */
import { createCloudbaseDouble } from '.'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 2)])

describe('the CloudBase double’s cloud storage', () => {
  describe('when the SDK uploads a file', () => {
    it('asks for upload metadata of the path, PUTs the bytes to COS, and answers the fileID', async () => {
      const { cloud, storage } = createCloudbaseDouble()
      const { fileID } = await cloud.uploadFile({ cloudPath: 'cases/c1/a.jpg', fileContent: JPEG })
      expect(fileID).toBe('cloud://test-env.fake-1250000000/cases/c1/a.jpg')
      expect(storage.requests.map((r) => r.action)).toEqual(['storage.getUploadMetadata', 'cos.put'])
      expect(storage.requests[0].params).toMatchObject({ path: 'cases/c1/a.jpg', method: 'put' })
      expect(storage.requests[1].params).toMatchObject({ bytes: JPEG.length })
      expect(storage.paths()).toEqual(['cases/c1/a.jpg'])
    })
  })

  describe('when the SDK asks for a temp URL', () => {
    it('sends each fileID with its max_age; a link lives that long; a missing file answers status -503003', async () => {
      const { cloud, storage } = createCloudbaseDouble()
      const { fileID } = await cloud.uploadFile({ cloudPath: 'homecert/h1/b.jpg', fileContent: JPEG })
      const missing = fileID.replace('b.jpg', 'c.jpg')
      const { fileList } = await cloud.getTempFileURL({
        fileList: [
          { fileID, maxAge: 600 },
          { fileID: missing, maxAge: 600 },
        ],
      })
      expect(storage.requests.at(-1)?.params).toMatchObject({ file_list: [{ fileid: fileID, max_age: 600 }, { fileid: missing }] })
      expect(fileList[0]).toMatchObject({ fileID, status: 0 })
      expect(fileList[1]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' })
      expect(storage.fetch(fileList[0].tempFileURL)).toEqual(JPEG)
      expect(storage.fetch(fileList[0].tempFileURL, Date.now() + 601_000)).toBeNull()
    })
  })

  describe('when the SDK deletes files', () => {
    it('sends the fileIDs; a file already gone answers status -503003', async () => {
      const { cloud, storage } = createCloudbaseDouble()
      const { fileID } = await cloud.uploadFile({ cloudPath: 'cases/c2/d.jpg', fileContent: JPEG })
      const first = await cloud.deleteFile({ fileList: [fileID] })
      expect(storage.requests.at(-1)).toEqual({
        action: 'storage.batchDeleteFile',
        params: expect.objectContaining({ fileid_list: [fileID] }),
      })
      expect(first.fileList).toEqual([expect.objectContaining({ fileID, status: 0 })])
      expect((await cloud.deleteFile({ fileList: [fileID] })).fileList).toEqual([expect.objectContaining({ fileID, status: -503003 })])
      expect(storage.paths()).toEqual([])
    })
  })
})
