import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILES, chartFontMetrics, measureText, truncateToWidth } from '../../src/chart/font.js';

describe('chart font', () => {
  it('ships inside node_modules, not on the system', () => {
    for (const file of [CHART_FONT_FILES.regular, CHART_FONT_FILES.bold]) {
      expect(file).toMatch(/node_modules[\\/]dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans(-Bold)?\.ttf$/);
      expect(existsSync(file)).toBe(true);
    }
  });

  it('reads the advance widths of DejaVu Sans (units per em 2048)', () => {
    const { regular, bold } = chartFontMetrics();
    expect(regular.advance('M'.codePointAt(0)!) * 2048).toBe(1767);
    expect(regular.advance('i'.codePointAt(0)!) * 2048).toBe(569);
    expect(regular.advance(' '.codePointAt(0)!) * 2048).toBe(651);
    expect(bold.advance('M'.codePointAt(0)!) * 2048).toBe(2038);
    // Digits are tabular, so percentages line up.
    const digits = new Set([...'0123456789'].map((d) => regular.advance(d.codePointAt(0)!)));
    expect(digits.size).toBe(1);
    // Non-ASCII glyphs are found too (Cyrillic and the ellipsis).
    expect(regular.advance('Ж'.codePointAt(0)!)).toBeGreaterThan(0.5);
    expect(regular.advance('…'.codePointAt(0)!)).toBe(1);
  });

  it('measures and truncates text', () => {
    expect(measureText('MM', 20)).toBeCloseTo(2 * (1767 / 2048) * 20, 6);
    expect(measureText('Week', 12, true)).toBeGreaterThan(measureText('Week', 12));
    expect(truncateToWidth('Short', 100, 12)).toBe('Short');
    expect(truncateToWidth('  spaced \n out  ', 100, 12)).toBe('spaced out');
    const cut = truncateToWidth('A rather long cohort title', 80, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(measureText(cut, 12)).toBeLessThanOrEqual(80);
    expect(measureText(truncateToWidth('A rather long cohort title', 80 + 20, 12), 12)).toBeGreaterThan(
      measureText(cut, 12),
    );
  });
});
