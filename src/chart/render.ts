import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { CHART_FONT_FAMILY, CHART_FONT_FILES, measureText } from './font.js';
import { buildChartModel, buildSummarySpec, COLORS } from './spec.js';
import type { ChartInput, RenderedChart } from './types.js';

/**
 * Vega lays text out (label truncation, overlap checks, bounds) with `textMetrics.width`. On Node it measures
 * with node-canvas when that happens to be installed and guesses from the character count otherwise. We plug in
 * the metrics of the font the PNG is actually drawn with, so the layout fits the text and never depends on what
 * else is installed. (vl-convert does the same.) `textMetrics` is exported at run time but not typed.
 */
interface VegaTextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
}
const textMetrics = (
  vega as unknown as { textMetrics?: { width: (item: VegaTextItem, text?: unknown) => number } }
).textMetrics;
if (!textMetrics) throw new Error('vega no longer exports textMetrics: update src/chart/render.ts');
textMetrics.width = (item, text) => {
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (Number(weight) || 0) >= 600;
  return measureText(String(text ?? '').trim(), size, bold);
};

/** Charts only ever use inline data: refuse any load rather than reach for the network or the disk. */
const refuse = (what: string) =>
  Promise.reject(new Error(`chart specs may not load external resources (${what})`));
const offlineLoader: vega.Loader = {
  load: (uri) => refuse(uri),
  sanitize: (uri) => refuse(uri),
  http: (uri) => refuse(uri),
  file: (filename) => refuse(filename),
};

/**
 * Vega SVG for a spec. Vega's log goes nowhere near the console: errors become an exception, warnings are handed
 * back (the tests require there are none; in production a warning is no reason to fail a summary).
 */
export async function specToSvg(spec: vega.Spec): Promise<{ svg: string; warnings: string[] }> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const log = vega.logger(vega.Warn, undefined, (method, _level, args) => {
    const message = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
    (method === 'error' ? errors : warnings).push(message);
  });
  const view = new vega.View(vega.parse(spec), { renderer: 'none', loader: offlineLoader, logger: log });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(`vega failed to render the chart: ${errors.join('; ')}`);
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

export interface RasterImage {
  png: Uint8Array;
  /** Straight RGBA, row by row. */
  pixels: Uint8Array;
  width: number;
  height: number;
}

/**
 * SVG → PNG with resvg, off the main thread, using only the packaged font (system fonts are never loaded, so the
 * PNG is the same on a laptop, in CI and in a font-less slim container).
 */
export async function rasterizeSvg(svg: string): Promise<RasterImage> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'original' },
    background: COLORS.background,
    font: {
      loadSystemFonts: false,
      fontFiles: [CHART_FONT_FILES.regular, CHART_FONT_FILES.bold],
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    logLevel: 'off',
  });
  return { png: image.asPng(), pixels: image.pixels, width: image.width, height: image.height };
}

/**
 * Renders the weekly meeting-rate chart (and average ratings, when any are given) of a cohort summary as SVG and
 * PNG. Deterministic and side-effect free: no network, no files written, no environment read.
 */
export async function renderSummaryChart(input: ChartInput): Promise<RenderedChart> {
  const { svg } = await specToSvg(buildSummarySpec(buildChartModel(input)));
  const { png, width, height } = await rasterizeSvg(svg);
  return { png, svg, width, height };
}
