// UI text of file uploads and downloads (issue 4 req. 5) and their errors. Chinese first.
import { registerArea } from "../catalog";

export const zh = {
  "uploads.hint": "可以上传 PDF、JPG 或 PNG 文件，每个文件不超过 20 MB；每件申请最多 50 个文件，合计不超过 200 MB。",
  "uploads.chooseFile": "选择文件",
  "uploads.download": "下载",
  "uploads.remove": "删除文件",
  "uploads.removed": "文件已删除",
  "uploads.uploaded": "已上传：{name}",
  "uploads.size": "{size} MB",
  "errors.fileType": "只能上传 PDF、JPG 或 PNG 文件。这个文件的内容不是其中任何一种（与文件名无关），请另存为 PDF 或拍照后重新上传",
  "errors.fileTooLarge": "文件超过 20 MB，请压缩或分成几个文件后再上传",
  "errors.fileEmpty": "这个文件是空的（0 字节），请检查后重新选择",
  "errors.caseFilesTooMany": "一件申请最多上传 50 个文件，请删除不需要的文件，或把几页合并成一个 PDF",
  "errors.caseFilesTooLarge": "一件申请的文件合计不能超过 200 MB，请删除或压缩部分文件",
  "errors.uploadTooLarge": "一次提交的文件太大，请一个一个地上传（每个不超过 20 MB）",
  "errors.uploadTooManyFiles": "一次提交的文件太多，请分几次上传",
  "errors.uploadFieldsTooLarge": "填写的内容太长，无法提交，请删减后重试",
  "errors.uploadTargetGone": "这份草稿或申请已不存在或已提交，无法再添加文件",
  "errors.fileGone": "这个文件不存在或已删除",
} as const;

registerArea("zh-CN", zh);
