import yauzl from 'yauzl';

/** What a `.docx` may unpack to: a long report's text is a few megabytes; the rest is images. */
export const ZIP_LIMITS = {
  /** All entries together, bytes, as declared and as actually inflated. */
  totalBytes: 50 * 1024 * 1024,
  entries: 2000,
  /** An entry above 1 MiB compressed more than this is a bomb, not a document. */
  ratio: 200,
} as const;

export type ZipProblem = { code: 'E_UNZIPPED_TOO_LARGE' | 'E_ZIP_BROKEN'; message: string };

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const tooLarge = (what: string): ZipProblem => ({
  code: 'E_UNZIPPED_TOO_LARGE',
  message: `该 Word 文件解压后${what}，超过 ${mb(ZIP_LIMITS.totalBytes)} 的上限（可能是压缩炸弹，或含大量图片），已拒绝导入；请删除图片后另存为 .docx 再导入`,
});

/**
 * Check a zip (a `.docx`) before anything unpacks it in memory: declared sizes, then the bytes actually inflated,
 * entry by entry, stopping at the limit. Inflated data is counted and dropped, never held.
 */
export function checkZip(bytes: Uint8Array): Promise<ZipProblem | null> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve) => {
    let settled = false;
    const done = (p: ZipProblem | null, zip?: yauzl.ZipFile) => {
      if (settled) return;
      settled = true;
      zip?.close();
      resolve(p);
    };
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      // Not a zip at all: the reader says what it is.
      if (err || !zip) return done(null);
      if (zip.entryCount > ZIP_LIMITS.entries)
        return done(
          { code: 'E_UNZIPPED_TOO_LARGE', message: `该 Word 文件包含 ${zip.entryCount} 个部件，过多，已拒绝导入` },
          zip,
        );
      let declared = 0;
      let inflated = 0;
      zip.on('error', () =>
        done({ code: 'E_ZIP_BROKEN', message: '该 Word 文件已损坏（压缩包结构有误），无法读取' }, zip),
      );
      zip.on('end', () => done(null, zip));
      zip.on('entry', (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        if (declared > ZIP_LIMITS.totalBytes) return done(tooLarge(`声明的大小为 ${mb(declared)} 以上`), zip);
        if (
          entry.uncompressedSize > 1024 * 1024 &&
          entry.uncompressedSize > ZIP_LIMITS.ratio * Math.max(1, entry.compressedSize)
        )
          return done(tooLarge(`某一部件的压缩比超过 ${ZIP_LIMITS.ratio} 倍`), zip);
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream)
            return done({ code: 'E_ZIP_BROKEN', message: '该 Word 文件已损坏（压缩包结构有误），无法读取' }, zip);
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > ZIP_LIMITS.totalBytes) {
              stream.destroy();
              done(tooLarge(`实际超过 ${mb(ZIP_LIMITS.totalBytes)}`), zip);
            }
          });
          // yauzl stops an entry that inflates beyond its declared size: a bomb that lies about its size.
          stream.on('error', (err: Error) =>
            done(
              /too many bytes/i.test(err.message)
                ? tooLarge('的实际大小远超其声明的大小')
                : { code: 'E_ZIP_BROKEN', message: '该 Word 文件已损坏（解压时出错），无法读取' },
              zip,
            ),
          );
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}
