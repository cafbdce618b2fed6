import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportFrom } from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { describe, expect, it } from 'vitest';
import { stackedBarChart } from '../src/charts.js';
import { checkReport } from '../src/model.js';
import { openShell } from '../src/shell.js';

const seed = reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));

describe('check state', () => {
  // The seed reconciles; one addend of 表四's 行政复议 总计 unread (null) and the total stated as 2 breaks the row.
  const broken = reportFrom({ ...seed, cells: { ...seed.cells, 't4.review.upheld': null, 't4.review.total': 2 } });

  it('a report whose own tables do not reconcile fails', () => {
    expect(checkReport(seed).state).toBe('ok');
    const c = checkReport(broken);
    expect(c.state).toBe('fail');
    expect(c.summary).toContain('不成立');
  });

  it('a gap the import left is never the agency failing: identities on unread cells are not counted', () => {
    const c = checkReport(broken, ['t4.review.upheld']);
    expect(c.state).toBe('unread');
    expect(c.identitiesHold).toBe(true);
    expect(c.summary).toContain('未能从原文读取');
    expect(c.errors.every((f) => !f.cells.includes('t4.review.upheld'))).toBe(true);
  });
});

describe('charts', () => {
  const chart = stackedBarChart({
    id: 'c',
    title: '测试',
    unit: '件',
    series: ['甲', '乙', '丙'],
    groups: [
      { label: '2019年', bars: [{ name: '新收', values: [3, 0, 0] }] },
      { label: '2020年', missing: true, bars: [] },
      { label: '2021年', bars: [{ name: '新收', values: [0, 0, 0] }] },
      { label: '2022年', bars: [{ name: '新收', values: [null, null, null] }] },
    ],
  });
  const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(chart)![1]!;

  it('tells a screen reader the stated numbers, not runs of zeros', () => {
    expect(desc).toContain('2019年：新收：甲3件，其余为0');
    expect(desc).toContain('2021年：新收：均为0');
    expect(desc).toContain('2022年：新收未填');
    expect(desc).not.toMatch(/乙0|丙0/);
  });

  it('draws a missing year as a gap and says so under the chart', () => {
    expect(desc).toContain('2020年：本站未收录');
    expect(chart).toContain('class="nb-gap"');
    expect(chart).toContain('2020年：本站未收录该年度年报，图中留空，不表示数值为0。');
  });

  it('scales to the width of the screen and takes its colours from the theme', () => {
    expect(chart).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(chart).not.toMatch(/<svg[^>]* width="/);
    expect(chart).not.toMatch(/fill="#/);
  });
});

describe('page shell', () => {
  it('writes a page into the shell VitePress rendered, with its own title and escaped text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-shell-'));
    try {
      writeFileSync(
        join(dir, 'nb-page.html'),
        '<html><head><title>站点</title><meta name="description" content="说明"></head><body><div class="nb-slot"></div></body></html>',
      );
      const shell = openShell(dir);
      shell.write('reports/x.html', { title: 'A<b>', body: '<p>正文</p>' });
      const html = readFileSync(join(dir, 'reports/x.html'), 'utf8');
      expect(html).toContain('<title>A&lt;b&gt; | 站点</title>');
      expect(html).toContain(
        '<div class="nb-slot" data-nb-title="A&lt;b&gt;" data-nb-description="说明"><p>正文</p></div>',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
