import Taro from '@tarojs/taro'
import type { CsvExport } from '@/contract/stats'

/**
 * Hands an exported table to the person: a download in H5; in WeChat the file
 * is written to the mini-program's own storage and offered to send to a chat
 * (where it opens in Excel/WPS), or copied when sharing is not possible.
 * Returns a sentence saying what happened.
 */
export async function saveCsv(file: CsvExport): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') {
    const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = file.fileName
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return `已下载「${file.fileName}」（${file.rows} 行）`
  }
  const path = `${Taro.env.USER_DATA_PATH}/${file.fileName}`
  try {
    Taro.getFileSystemManager().writeFileSync(path, file.csv, 'utf8')
    await Taro.shareFileMessage({ filePath: path, fileName: file.fileName })
    return `已保存「${file.fileName}」（${file.rows} 行），可发送到聊天后用表格软件打开`
  } catch {
    await Taro.setClipboardData({ data: file.csv })
    return `已复制「${file.fileName}」的内容（${file.rows} 行），可粘贴到表格软件`
  }
}
