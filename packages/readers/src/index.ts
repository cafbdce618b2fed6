export type { FileKind, ImportedKind, ReadErrorCode, ReadOptions, ReadResult } from './read.js';
export { decodeText, fileKind, MAX_FILE_BYTES, ReadError, readReportFile, reportFromJsonText } from './read.js';
