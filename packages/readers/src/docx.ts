import mammoth from 'mammoth';

/** A Word document as HTML (tables keep their cells and spans), for the HTML reader. */
export async function docxHtml(bytes: Uint8Array): Promise<{ html: string; messages: string[] }> {
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return { html: result.value, messages: result.messages.map((m) => m.message) };
}
