// English UI text of the "uploads" area, under the keys of app/locales/areas/uploads.ts (the Chinese). Loaded in the browser
// only when the page is in English (app/locales/english.ts).
import { registerArea } from "../catalog";
import type { zh } from "../areas/uploads";

export const en: Record<keyof typeof zh, string> = {
  "uploads.hint": "You can upload PDF, JPG or PNG files of up to 20 MB each; an application can have at most 50 files, 200 MB in all.",
  "uploads.chooseFile": "Choose a file",
  "uploads.download": "Download",
  "uploads.remove": "Remove file",
  "uploads.removed": "The file was removed",
  "uploads.uploaded": "Uploaded: {name}",
  "uploads.size": "{size} MB",
  "errors.fileType": "Only PDF, JPG or PNG files can be uploaded. This file's content is none of these (whatever its name): save it as a PDF or take a photo and upload that",
  "errors.fileTooLarge": "The file is larger than 20 MB: compress it or split it into several files",
  "errors.fileEmpty": "This file is empty (0 bytes): check it and choose it again",
  "errors.caseFilesTooMany": "An application can have at most 50 files: remove files you do not need, or combine pages into one PDF",
  "errors.caseFilesTooLarge": "An application's files can total at most 200 MB: remove or compress some of them",
  "errors.uploadTooLarge": "Too much was sent at once: upload the files one by one (each up to 20 MB)",
  "errors.uploadTooManyFiles": "Too many files at once: upload them in several goes",
  "errors.uploadFieldsTooLarge": "The text entered is too long to send: shorten it and try again",
  "errors.uploadTargetGone": "This draft or application no longer exists or has been submitted: files can no longer be added",
  "errors.fileGone": "This file does not exist or has been removed",
};

registerArea("en", en);
