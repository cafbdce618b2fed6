/**
 * Search tokenizer for Chinese: every two-character pair of each run of Han characters (a lone Han
 * character stays a token), and letters/digits as words. 行政复议 → 行政 政复 复议, so a query matches
 * however the text around it would be segmented into words; queries combine their tokens with AND.
 * VitePress serialises this function to the browser: it must not use anything outside its own body.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+/gu) ?? []) {
    if (!/^[\u3400-\u9fff\uf900-\ufaff]/.test(run)) out.push(run);
    else if (run.length === 1) out.push(run);
    else for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}
