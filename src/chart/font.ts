import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The one font family every chart uses. It ships inside the `dejavu-fonts-ttf` npm package, so rendering never
 * depends on the fonts of the machine (the `node:20-bookworm-slim` image has none) and output is identical
 * everywhere.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const require = createRequire(import.meta.url);

/** Absolute paths of the TTF files handed to resvg (regular for labels, bold for titles). */
export const CHART_FONT_FILES: { readonly regular: string; readonly bold: string } = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/**
 * Horizontal advance widths read from a TrueType font's `cmap`, `hmtx`, `hhea` and `head` tables: enough to
 * measure a line of text the way resvg will lay it out (kerning aside, which moves a few tenths of a pixel).
 */
export class FontMetrics {
  private readonly unitsPerEm: number;
  private readonly advances: Uint16Array;
  private readonly glyphOf: (codePoint: number) => number;
  private readonly cache = new Map<number, number>();

  constructor(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tables = readTableDirectory(view);
    const head = requireTable(tables, 'head');
    const hhea = requireTable(tables, 'hhea');
    const hmtx = requireTable(tables, 'hmtx');
    const cmap = requireTable(tables, 'cmap');

    this.unitsPerEm = view.getUint16(head + 18);
    const numberOfHMetrics = view.getUint16(hhea + 34);
    this.advances = new Uint16Array(numberOfHMetrics);
    for (let i = 0; i < numberOfHMetrics; i++) this.advances[i] = view.getUint16(hmtx + i * 4);
    this.glyphOf = readCmap(view, cmap);
  }

  /** Advance width of one code point, in em (glyphs past the hmtx long metrics reuse the last advance). */
  advance(codePoint: number): number {
    let width = this.cache.get(codePoint);
    if (width === undefined) {
      const glyph = this.glyphOf(codePoint);
      const units = this.advances[Math.min(glyph, this.advances.length - 1)] ?? 0;
      width = units / this.unitsPerEm;
      this.cache.set(codePoint, width);
    }
    return width;
  }

  /** Width of `text` set at `fontSize` pixels. */
  measure(text: string, fontSize: number): number {
    let em = 0;
    for (const char of text) em += this.advance(char.codePointAt(0) ?? 0);
    return em * fontSize;
  }
}

function readTableDirectory(view: DataView): Map<string, number> {
  const tables = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    tables.set(tag, view.getUint32(record + 8));
  }
  return tables;
}

function requireTable(tables: Map<string, number>, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`font has no '${tag}' table`);
  return offset;
}

/** Picks the best Unicode subtable of `cmap`: format 12 (full Unicode) if present, else format 4 (BMP). */
function readCmap(view: DataView, cmap: number): (codePoint: number) => number {
  const count = view.getUint16(cmap + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const subtable = cmap + view.getUint32(record + 4);
    const format = view.getUint16(subtable);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) format12 ??= subtable;
    else if (format === 4) format4 ??= subtable;
  }
  if (format12 !== undefined) return format12Lookup(view, format12);
  if (format4 !== undefined) return format4Lookup(view, format4);
  throw new Error('font has no Unicode cmap subtable');
}

function format4Lookup(view: DataView, table: number): (codePoint: number) => number {
  const segCount = view.getUint16(table + 6) / 2;
  const endCodes = table + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    for (let i = 0; i < segCount; i++) {
      if (view.getUint16(endCodes + i * 2) < codePoint) continue;
      const start = view.getUint16(startCodes + i * 2);
      if (start > codePoint) return 0;
      const delta = view.getUint16(idDeltas + i * 2);
      const rangeOffset = view.getUint16(idRangeOffsets + i * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = view.getUint16(idRangeOffsets + i * 2 + rangeOffset + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

function format12Lookup(view: DataView, table: number): (codePoint: number) => number {
  const groups = view.getUint32(table + 12);
  return (codePoint) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const group = table + 16 + mid * 12;
      const start = view.getUint32(group);
      const end = view.getUint32(group + 4);
      if (codePoint < start) hi = mid - 1;
      else if (codePoint > end) lo = mid + 1;
      else return view.getUint32(group + 8) + (codePoint - start);
    }
    return 0;
  };
}

let loaded: { regular: FontMetrics; bold: FontMetrics } | undefined;

/** Metrics of the chart font, read once from the packaged TTF files. */
export function chartFontMetrics(): { readonly regular: FontMetrics; readonly bold: FontMetrics } {
  loaded ??= {
    regular: new FontMetrics(readFileSync(CHART_FONT_FILES.regular)),
    bold: new FontMetrics(readFileSync(CHART_FONT_FILES.bold)),
  };
  return loaded;
}

/** Width in pixels of `text` in the chart font. */
export function measureText(text: string, fontSize: number, bold = false): number {
  const metrics = chartFontMetrics();
  return (bold ? metrics.bold : metrics.regular).measure(text, fontSize);
}

/** Cuts `text` (at a code-point boundary) so it fits in `maxWidth` pixels, ending it with an ellipsis if cut. */
export function truncateToWidth(text: string, maxWidth: number, fontSize: number, bold = false): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (measureText(clean, fontSize, bold) <= maxWidth) return clean;
  const ellipsis = '…';
  const budget = maxWidth - measureText(ellipsis, fontSize, bold);
  const chars = Array.from(clean);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (measureText(chars.slice(0, mid).join(''), fontSize, bold) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}${ellipsis}`;
}
