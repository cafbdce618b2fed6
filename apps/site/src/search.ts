/**
 * Search tokenizer for Chinese: word segments plus every two-character pair of each run of Han
 * characters, so 行政复议 and 跃进街道 match however the segmenter splits the page text.
 * VitePress serialises this function to the browser: it must not use anything outside its own body.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  const han = text.match(/[\u3400-\u9fff\uf900-\ufaff]{2,}/g) ?? [];
  for (const run of han) for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}
