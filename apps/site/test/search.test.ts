import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/search.js';

// The same MiniSearch options the site's config gives VitePress's local search.
function index(docs: string[]) {
  const ms = new MiniSearch({ fields: ['text'], tokenize });
  ms.addAll(docs.map((text, id) => ({ id, text })));
  return (q: string) => ms.search(q, { tokenize, combineWith: 'AND', prefix: true }).map((r) => r.id);
}

describe('Chinese search tokenizer', () => {
  const search = index([
    '四、政府信息公开行政复议、行政诉讼情况',
    '宝山区跃进街道办事处2024年政府信息公开工作年度报告',
    '行政许可和行政处罚',
    '复议机关维持原决定',
  ]);

  it.each([
    ['行政复议', [0]],
    ['跃进街道', [1]],
    ['行政', [0, 2]],
    ['2024', [1]],
    ['跃', [1]],
  ])('%s finds exactly the pages that contain it', (q, ids) => {
    expect(search(q).sort()).toEqual(ids);
  });
});
