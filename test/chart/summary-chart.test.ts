import { afterAll, describe, expect, it } from 'vitest';
import { measureText } from '../../src/chart/font.js';
import { type ChartInput, renderSummaryChart, type WeeklyPoint } from '../../src/chart/index.js';
import { rasterizeSvg, specToSvg } from '../../src/chart/render.js';
import {
  buildChartModel,
  buildSummarySpec,
  COLORS,
  EMPTY_MESSAGE,
  RATING_LEGEND,
} from '../../src/chart/spec.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Signature check and the IHDR chunk, which the PNG spec puts first. */
function pngHeader(png: Uint8Array): { width: number; height: number } {
  expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(view.getUint32(8)).toBe(13);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

interface Raster {
  pixels: Uint8Array;
  width: number;
}

/** Pixels in a box that are not the white background. */
function inkIn(raster: Raster, x0: number, y0: number, x1: number, y1: number): number {
  let ink = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * raster.width + x) * 4;
      if (raster.pixels[i]! < 200 || raster.pixels[i + 1]! < 200 || raster.pixels[i + 2]! < 200) ink++;
    }
  }
  return ink;
}

function countColour(raster: Raster, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < raster.pixels.length; i += 4) {
    if (raster.pixels[i] === r && raster.pixels[i + 1] === g && raster.pixels[i + 2] === b) count++;
  }
  return count;
}

/** Bars are the only rate-coloured paths besides the 12×12 legend swatch. */
function barHeights(svg: string): number[] {
  const bars = [...svg.matchAll(/<path d="M[-\d.]+,[-\d.]+h([\d.]+)v([\d.]+)h-[\d.]+Z" fill="#0072B2"\/>/g)];
  return bars.filter((m) => m[1] !== '12').map((m) => Number(m[2]));
}

/** Visible texts of the SVG (Vega keeps labels it hid for overlap, at opacity 0). */
function textsOf(svg: string): string[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)]
    .filter((m) => !m[1]!.includes('opacity="0"'))
    .map((m) => m[2]!);
}

function weeks(rates: readonly (number | null)[], ratings?: readonly (number | null)[]): WeeklyPoint[] {
  return rates.map((meetingRate, i) => ({
    cycle: i + 1,
    label: `Week ${i + 1}`,
    meetingRate,
    ...(ratings ? { averageRating: ratings[i] ?? null } : {}),
  }));
}

const timings: { name: string; ms: number }[] = [];

async function timed(name: string, input: ChartInput) {
  const started = performance.now();
  const chart = await renderSummaryChart(input);
  timings.push({ name, ms: performance.now() - started });
  return chart;
}

afterAll(() => {
  // Information only: no assertion on speed.
  console.info(`chart render times: ${timings.map((t) => `${t.name} ${t.ms.toFixed(1)} ms`).join(', ')}`);
});

const typical: ChartInput = {
  title: 'Spring cohort: weekly meetings',
  points: weeks([0.82, 0.91, 0.75, 1, 0.5, null]),
};

describe('renderSummaryChart', () => {
  it('renders a real 800×400 PNG and an SVG of the same size', async () => {
    const chart = await timed('typical', typical);
    expect(chart.width).toBe(800);
    expect(chart.height).toBe(400);
    expect(pngHeader(chart.png)).toEqual({ width: 800, height: 400 });
    expect(chart.svg.startsWith('<svg')).toBe(true);
    expect(chart.svg).toContain('width="800" height="400"');
  });

  it('labels the title, every week and every rate in the SVG', async () => {
    const chart = await timed('typical', typical);
    const texts = textsOf(chart.svg);
    expect(texts).toContain('Spring cohort: weekly meetings');
    for (let week = 1; week <= 6; week++) expect(texts).toContain(`Week ${week}`);
    for (const value of ['82%', '91%', '75%', '100%', '50%']) expect(texts).toContain(value);
    expect(texts).toContain('—'); // the week without a rate yet
    expect(texts).not.toContain(EMPTY_MESSAGE);
    expect(texts).not.toContain(RATING_LEGEND);
    expect(chart.svg).toContain('font-family="DejaVu Sans"');
  });

  it('draws one bar per known rate, with heights proportional to the rate', async () => {
    const chart = await timed('typical', typical);
    const heights = barHeights(chart.svg);
    expect(heights).toHaveLength(5);
    const full = heights[3]!; // the 100% week
    expect(full).toBeGreaterThan(150);
    expect(heights.map((h) => h / full)).toEqual([0.82, 0.91, 0.75, 1, 0.5].map((r) => expect.closeTo(r, 2)));
  });

  it('actually draws text with the packaged font (system fonts are never loaded)', async () => {
    const withTitle = await timed('typical', typical);
    const withoutTitle = await timed('no title', { ...typical, title: '' });
    expect(Buffer.from(withTitle.png).equals(Buffer.from(withoutTitle.png))).toBe(false);

    // The title row: ink only where the title text is.
    const titled = await rasterizeSvg(withTitle.svg);
    const untitled = await rasterizeSvg(withoutTitle.svg);
    expect(inkIn(untitled, 0, 10, 800, 42)).toBe(0);
    expect(inkIn(titled, 24, 10, 400, 42)).toBeGreaterThan(500);

    // Plain text in the font family, nothing else: blank if the font had not loaded.
    const text = await rasterizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="28" font-family="DejaVu Sans" font-size="20">Week 12</text></svg>',
    );
    expect(inkIn(text, 0, 0, 200, 40)).toBeGreaterThan(200);
  });

  it('uses the colour-blind-safe palette for bars and ratings', async () => {
    const chart = await timed('ratings', { ...typical, points: weeks([0.5, 0.75, 1], [3.5, 4.25, null]) });
    const raster = await rasterizeSvg(chart.svg);
    expect(countColour(raster, COLORS.rate)).toBeGreaterThan(5_000);
    expect(countColour(raster, COLORS.rating)).toBeGreaterThan(20);
  });

  it('adds the average-rating panel only when a rating is present', async () => {
    const chart = await timed('ratings', { ...typical, points: weeks([0.5, 0.75, 1], [3.5, 4.25, null]) });
    const texts = textsOf(chart.svg);
    expect(texts).toContain(RATING_LEGEND);
    expect(texts).toEqual(expect.arrayContaining(['3.5', '4.3', '50%', '75%', '100%', 'Week 3']));
    expect(texts).toEqual(expect.arrayContaining(['1', '3', '5'])); // rating axis
    expect(chart.svg).toContain('stroke="#D55E00"');

    const allNullRatings = await timed('null ratings', {
      ...typical,
      points: weeks([0.5, 0.75], [null, null]),
    });
    expect(textsOf(allNullRatings.svg)).not.toContain(RATING_LEGEND);
  });

  it('renders a tidy "No check-ins yet" chart for zero points', async () => {
    const chart = await timed('empty', { title: 'New cohort', points: [] });
    expect(pngHeader(chart.png)).toEqual({ width: 800, height: 400 });
    const texts = textsOf(chart.svg);
    expect(texts).toContain('New cohort');
    expect(texts).toContain(EMPTY_MESSAGE);
    expect(barHeights(chart.svg)).toEqual([]);
    expect(texts.some((t) => t.startsWith('Week'))).toBe(false);
  });

  it('shows the message, and the weeks, when no rate is known yet', async () => {
    const chart = await timed('all null', { title: 'Fresh cohort', points: weeks([null, null, null]) });
    const texts = textsOf(chart.svg);
    expect(texts).toContain(EMPTY_MESSAGE);
    expect(texts).toEqual(expect.arrayContaining(['Week 1', 'Week 2', 'Week 3']));
    expect(barHeights(chart.svg)).toEqual([]);
    expect(pngHeader(chart.png)).toEqual({ width: 800, height: 400 });
  });

  it('fits 26 cycles: every bar and every week label, no value wider than its slot', async () => {
    const rates = Array.from({ length: 26 }, (_, i) => ((i * 37) % 101) / 100);
    const ratings = Array.from({ length: 26 }, (_, i) => 1 + ((i * 7) % 41) / 10);
    const input = { title: 'Half-year cohort', points: weeks(rates, ratings) };
    const chart = await timed('26 cycles', input);
    expect(pngHeader(chart.png)).toEqual({ width: 800, height: 400 });
    expect(barHeights(chart.svg).filter((h) => h > 0)).toHaveLength(rates.filter((r) => r > 0).length);
    const texts = textsOf(chart.svg);
    for (let week = 1; week <= 26; week++) expect(texts).toContain(`Week ${week}`);

    const model = buildChartModel(input);
    expect(model.rotateLabels).toBe(true);
    expect(model.thinLabels).toBe(false);
    expect(model.rateLabelSize).not.toBeNull();
    for (const row of model.rows) {
      expect(measureText(row.rateText, model.rateLabelSize!)).toBeLessThanOrEqual(model.step);
    }
  });

  it('truncates a long title to the chart width with an ellipsis', async () => {
    const title = 'Engineering leadership reverse-mentoring programme, autumn intake, '.repeat(4);
    const chart = await timed('long title', { ...typical, title });
    const shown = textsOf(chart.svg)[0]!;
    expect(shown.endsWith('…')).toBe(true);
    expect(title.startsWith(shown.slice(0, -1))).toBe(true);
    expect(measureText(shown, 18, true)).toBeLessThanOrEqual(800 - 48);
    expect(measureText(shown, 18, true)).toBeGreaterThan(800 - 48 - 40);
    const raster = await rasterizeSvg(chart.svg);
    expect(inkIn(raster, 780, 0, 800, 80)).toBe(0);
  });

  it('escapes markup in titles and labels', async () => {
    const chart = await timed('markup', {
      title: 'R&D <cohort> "A"',
      points: [{ cycle: 1, label: '<b>Week 1</b>', meetingRate: 0.5 }],
    });
    expect(chart.svg).toContain('R&amp;D &lt;cohort&gt;');
    expect(chart.svg).not.toContain('<cohort>');
    expect(chart.svg).not.toContain('<b>');
    pngHeader(chart.png);
  });

  it('normalises input: sorts by cycle, clamps rates and ratings, treats NaN as unknown', async () => {
    const input: ChartInput = Object.freeze({
      title: 'Odd data',
      points: Object.freeze([
        Object.freeze({ cycle: 3, label: 'Week 3', meetingRate: 1.4, averageRating: 9 }),
        Object.freeze({ cycle: 1, label: '  Week\n1 ', meetingRate: -0.2, averageRating: 0 }),
        Object.freeze({ cycle: 2, label: '', meetingRate: Number.NaN, averageRating: null }),
      ]),
    });
    const model = buildChartModel(input);
    expect(model.rows.map((r) => [r.label, r.rate, r.rateText, r.rating])).toEqual([
      ['Week 1', 0, '0%', 1],
      ['Week 2', null, '—', null],
      ['Week 3', 1, '100%', 5],
    ]);
    const chart = await timed('odd data', input);
    pngHeader(chart.png);
  });

  it('is deterministic: the same input gives byte-identical SVG and PNG, whatever ran in between', async () => {
    const input: ChartInput = { title: 'Determinism', points: weeks([0.4, 0.6, null], [4.1, null, 3.3]) };
    const first = await timed('determinism', input);
    await timed('other', { title: 'Something else', points: weeks([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]) });
    const [second, third] = await Promise.all([renderSummaryChart(input), renderSummaryChart(input)]);
    for (const again of [second, third]) {
      expect(again.svg).toBe(first.svg);
      expect(Buffer.from(again.png).equals(Buffer.from(first.png))).toBe(true);
    }
  });

  it('gives Vega nothing to warn about, from no weeks to a year of them', async () => {
    const long = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        cycle: i + 1,
        label: `Cycle number ${i + 1} of the programme`,
        meetingRate: i % 3 === 0 ? null : (i % 10) / 10,
        averageRating: i % 4 === 0 ? null : 1 + (i % 5),
      }));
    for (const points of [[], long(1), long(2), weeks([null, null]), long(26), long(52)]) {
      const model = buildChartModel({ title: 'Warnings', points });
      const { svg, warnings } = await specToSvg(buildSummarySpec(model));
      expect(warnings).toEqual([]);
      expect(svg).toContain('Warnings');
    }
  });

  it('fails loudly when Vega cannot render a spec', async () => {
    await expect(
      specToSvg({ marks: [{ type: 'text', encode: { enter: { text: { signal: 'datum.no.such' } } } }] }),
    ).rejects.toThrow(/vega failed to render/);
  });

  it('builds a spec that only uses inline data (nothing to fetch)', () => {
    const spec = buildSummarySpec(buildChartModel({ ...typical, points: weeks([0.5], [4]) }));
    for (const data of spec.data ?? []) {
      expect(data).toHaveProperty('values');
      expect(data).not.toHaveProperty('url');
    }
    expect(JSON.stringify(spec)).not.toMatch(/https?:|file:/);
  });
});
