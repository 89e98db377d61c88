import type { Axis, Mark, Scale, Spec } from 'vega';
import { CHART_FONT_FAMILY, measureText, truncateToWidth } from './font.js';
import type { ChartInput } from './types.js';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

/** Shown in place of the bars when no week has a meeting rate yet. */
export const EMPTY_MESSAGE = 'No check-ins yet';
export const RATE_LEGEND = 'Pairs that met';
export const RATING_LEGEND = 'Average rating (1–5)';

/**
 * Okabe–Ito blue and vermillion: distinguishable with every common colour-vision deficiency and in greyscale
 * (they differ in lightness too). Text uses Slack's own near-black and grey.
 */
export const COLORS = {
  background: '#ffffff',
  text: '#1d1c1d',
  muted: '#616061',
  grid: '#e8e8e8',
  axis: '#9a9a9a',
  rate: '#0072B2',
  rating: '#D55E00',
} as const;

const FONT = CHART_FONT_FAMILY;
const MARGIN = 24;
const PLOT_LEFT = 64;
const PLOT_RIGHT = 24;
const PLOT_WIDTH = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT;
const PLOT_TOP = 88;
const TITLE_SIZE = 18;
const LEGEND_SIZE = 12;
const AXIS_LABEL_SIZE = 11;
const MESSAGE_SIZE = 16;
/** Bars never get wider than this step, so a cohort with two weeks doesn't get two slabs. */
const MAX_STEP = 72;
const PADDING_INNER = 0.25;
const PADDING_OUTER = 0.15;
const X_LABEL_LIMIT = 110;
const X_LABEL_ANGLE = -40;
const RATING_PANEL_HEIGHT = 72;
const RATING_PANEL_GAP = 32;

/** One normalised week, as it goes into the Vega data. */
export interface ChartRow {
  index: number;
  cycle: number;
  label: string;
  rate: number | null;
  rateText: string;
  rating: number | null;
  ratingText: string;
}

/** Everything about the picture that is decided before Vega sees it. */
export interface ChartModel {
  title: string;
  rows: ChartRow[];
  hasRates: boolean;
  hasRatings: boolean;
  /** Pixel range of the week (band) scale inside the plot: narrower than the plot when there are few weeks. */
  xRange: [number, number];
  step: number;
  rotateLabels: boolean;
  /** Whether Vega must thin out the week labels because even rotated ones would collide. */
  thinLabels: boolean;
  /** Font size of the values printed on the bars, or null when the bars are too narrow for any. */
  rateLabelSize: number | null;
  ratingLabelSize: number | null;
  rateHeight: number;
  axisHeight: number;
}

function finiteOrNull(value: number | null | undefined, min: number, max: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.min(max, Math.max(min, value));
}

function percent(rate: number, withSign: boolean): string {
  const value = String(Math.round(rate * 100));
  return withSign ? `${value}%` : value;
}

/** Picks the largest candidate for which every label fits in `room` pixels. */
function fittingSize<T>(candidates: readonly T[], widest: (candidate: T) => number, room: number): T | null {
  for (const candidate of candidates) if (widest(candidate) <= room) return candidate;
  return null;
}

/** Normalises the input and decides the layout: sizes, label angles and which labels fit. */
export function buildChartModel(input: ChartInput): ChartModel {
  const sorted = input.points
    .map((point, order) => ({ point, order }))
    .sort((a, b) => a.point.cycle - b.point.cycle || a.order - b.order)
    .map(({ point }) => point);

  const rows: ChartRow[] = sorted.map((point, index) => {
    const rate = finiteOrNull(point.meetingRate, 0, 1);
    const rating = finiteOrNull(point.averageRating, 1, 5);
    const label = String(point.label ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      index,
      cycle: point.cycle,
      label: label || `Week ${point.cycle}`,
      rate,
      rateText: '',
      rating,
      ratingText: rating === null ? '' : rating.toFixed(1),
    };
  });

  const n = rows.length;
  const hasRates = rows.some((row) => row.rate !== null);
  const hasRatings = rows.some((row) => row.rating !== null);

  // Vega's band scale: step = range / (n - paddingInner + 2 * paddingOuter). Few weeks get a centred range.
  const space = Math.max(1, n - PADDING_INNER + 2 * PADDING_OUTER);
  const step = Math.min(MAX_STEP, PLOT_WIDTH / space);
  const xStart = (PLOT_WIDTH - step * space) / 2;
  const xRange: [number, number] = [xStart, PLOT_WIDTH - xStart];

  const widestLabel = Math.min(
    X_LABEL_LIMIT,
    Math.max(0, ...rows.map((row) => measureText(row.label, AXIS_LABEL_SIZE))),
  );
  // A lone week has the whole axis to itself.
  const rotateLabels = n > 1 && widestLabel > step - 6;
  // Rotated labels sit step·sin(angle) apart, measured across the text.
  const thinLabels = rotateLabels && step * Math.sin((-X_LABEL_ANGLE * Math.PI) / 180) < AXIS_LABEL_SIZE + 1;

  // Values on the bars: as large as fits the step, dropping the % sign (the legend says it) as a last resort.
  const rateOptions = [
    { size: 11, sign: true },
    { size: 10, sign: true },
    { size: 9, sign: true },
    { size: 9, sign: false },
  ] as const;
  const rateFit = fittingSize(
    rateOptions,
    (option) =>
      Math.max(
        0,
        ...rows.map((row) =>
          row.rate === null ? 0 : measureText(percent(row.rate, option.sign), option.size),
        ),
      ),
    step - 2,
  );
  for (const row of rows) {
    if (rateFit === null) row.rateText = '';
    else row.rateText = row.rate === null ? '—' : percent(row.rate, rateFit.sign);
  }
  const ratingLabelSize = fittingSize(
    [10, 9],
    (size) => Math.max(0, ...rows.map((row) => measureText(row.ratingText, size))),
    step - 2,
  );

  const axisHeight = rotateLabels
    ? Math.ceil(widestLabel * Math.sin((-X_LABEL_ANGLE * Math.PI) / 180) + AXIS_LABEL_SIZE + 14)
    : 30;
  const below = hasRatings ? RATING_PANEL_GAP + RATING_PANEL_HEIGHT : 0;
  const rateHeight = CHART_HEIGHT - PLOT_TOP - axisHeight - below;

  return {
    title: truncateToWidth(String(input.title ?? ''), CHART_WIDTH - 2 * MARGIN, TITLE_SIZE, true),
    rows,
    hasRates,
    hasRatings,
    xRange,
    step,
    rotateLabels,
    thinLabels,
    rateLabelSize: rateFit?.size ?? null,
    ratingLabelSize,
    rateHeight,
    axisHeight,
  };
}

function weekAxis(model: ChartModel): Axis {
  const axis: Axis = {
    orient: 'bottom',
    scale: 'x',
    domainColor: COLORS.axis,
    domain: false,
    ticks: false,
    labelFont: FONT,
    labelFontSize: AXIS_LABEL_SIZE,
    labelColor: COLORS.text,
    labelPadding: 8,
    labelLimit: X_LABEL_LIMIT,
    labelOverlap: model.rotateLabels ? (model.thinLabels ? 'parity' : false) : true,
    zindex: 1,
    description: 'Weeks',
    encode: { labels: { update: { text: { signal: 'weekLabels[datum.value]' } } } },
  };
  if (model.rotateLabels) {
    Object.assign(axis, { labelAngle: X_LABEL_ANGLE, labelAlign: 'right', labelBaseline: 'top' });
  }
  return axis;
}

function valueAxis(scale: string, values: number[], format: string): Axis {
  return {
    orient: 'left',
    scale,
    values,
    format,
    grid: true,
    gridColor: COLORS.grid,
    domain: false,
    ticks: false,
    labelFont: FONT,
    labelFontSize: AXIS_LABEL_SIZE,
    labelColor: COLORS.muted,
    labelPadding: 8,
    description: scale === 'rate' ? 'Share of pairs that met' : 'Average rating',
  };
}

/** The x axis line of a panel, across the whole plot width whatever the span of the weeks. */
function baseline(y: number): Mark {
  return {
    type: 'rule',
    encode: {
      enter: { x: { value: 0 }, x2: { value: PLOT_WIDTH }, y: { value: y }, stroke: { value: COLORS.axis } },
    },
  };
}

function ratePanel(model: ChartModel): Mark {
  const marks: Mark[] = [
    {
      type: 'rect',
      from: { data: 'rates' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'index' },
          width: { scale: 'x', band: 1 },
          y: { scale: 'rate', field: 'rate' },
          y2: { scale: 'rate', value: 0 },
          fill: { value: COLORS.rate },
        },
      },
    },
  ];
  if (model.rateLabelSize !== null) {
    marks.push({
      type: 'text',
      from: { data: 'rows' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'index', band: 0.5 },
          y: { signal: "scale('rate', datum.rate === null ? 0 : datum.rate) - 5" },
          text: { field: 'rateText' },
          align: { value: 'center' },
          baseline: { value: 'alphabetic' },
          font: { value: FONT },
          fontSize: { value: model.rateLabelSize },
          fill: { signal: `datum.rate === null ? '${COLORS.muted}' : '${COLORS.text}'` },
        },
      },
    });
  }
  if (!model.hasRates) {
    const boxWidth = measureText(EMPTY_MESSAGE, MESSAGE_SIZE) + 32;
    marks.push(
      {
        type: 'rect',
        encode: {
          enter: {
            x: { value: (PLOT_WIDTH - boxWidth) / 2 },
            width: { value: boxWidth },
            y: { value: model.rateHeight / 2 - 16 },
            height: { value: 32 },
            fill: { value: COLORS.background },
          },
        },
      },
      {
        type: 'text',
        name: 'empty-message',
        encode: {
          enter: {
            x: { value: PLOT_WIDTH / 2 },
            y: { value: model.rateHeight / 2 },
            text: { value: EMPTY_MESSAGE },
            align: { value: 'center' },
            baseline: { value: 'middle' },
            font: { value: FONT },
            fontSize: { value: MESSAGE_SIZE },
            fill: { value: COLORS.muted },
          },
        },
      },
    );
  }
  return {
    type: 'group',
    name: 'rate-panel',
    encode: {
      enter: {
        x: { value: 0 },
        y: { value: PLOT_TOP },
        width: { value: PLOT_WIDTH },
        height: { value: model.rateHeight },
      },
    },
    scales: [
      {
        name: 'rate',
        type: 'linear',
        domain: [0, 1],
        range: [model.rateHeight, 0],
        zero: true,
        nice: false,
        round: true,
      },
    ],
    axes: [
      valueAxis('rate', [0, 0.25, 0.5, 0.75, 1], '.0%'),
      ...(model.rows.length > 0 && !model.hasRatings ? [weekAxis(model)] : []),
    ],
    marks: [...marks, baseline(model.rateHeight)],
  };
}

function ratingPanel(model: ChartModel): Mark {
  const marks: Mark[] = [
    {
      type: 'line',
      from: { data: 'rows' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'index', band: 0.5 },
          y: { scale: 'rating', signal: 'datum.rating === null ? 1 : datum.rating' },
          defined: { signal: 'datum.rating !== null' },
          stroke: { value: COLORS.rating },
          strokeWidth: { value: 2 },
        },
      },
    },
    {
      type: 'symbol',
      from: { data: 'ratings' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'index', band: 0.5 },
          y: { scale: 'rating', field: 'rating' },
          shape: { value: 'circle' },
          size: { value: 44 },
          fill: { value: COLORS.rating },
          stroke: { value: COLORS.background },
          strokeWidth: { value: 1.5 },
        },
      },
    },
  ];
  if (model.ratingLabelSize !== null) {
    marks.push({
      type: 'text',
      from: { data: 'ratings' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'index', band: 0.5 },
          y: { scale: 'rating', field: 'rating', offset: -8 },
          text: { field: 'ratingText' },
          align: { value: 'center' },
          baseline: { value: 'alphabetic' },
          font: { value: FONT },
          fontSize: { value: model.ratingLabelSize },
          fill: { value: COLORS.text },
        },
      },
    });
  }
  return {
    type: 'group',
    name: 'rating-panel',
    encode: {
      enter: {
        x: { value: 0 },
        y: { value: PLOT_TOP + model.rateHeight + RATING_PANEL_GAP },
        width: { value: PLOT_WIDTH },
        height: { value: RATING_PANEL_HEIGHT },
      },
    },
    scales: [
      {
        name: 'rating',
        type: 'linear',
        domain: [1, 5],
        range: [RATING_PANEL_HEIGHT, 0],
        zero: false,
        nice: false,
      },
    ],
    axes: [valueAxis('rating', [1, 3, 5], 'd'), weekAxis(model)],
    marks: [baseline(RATING_PANEL_HEIGHT), ...marks],
  };
}

function header(model: ChartModel): Mark[] {
  const legendY = 56;
  const left = MARGIN - PLOT_LEFT;
  const text = (x: number, label: string): Mark => ({
    type: 'text',
    encode: {
      enter: {
        x: { value: x },
        y: { value: legendY },
        text: { value: label },
        baseline: { value: 'middle' },
        font: { value: FONT },
        fontSize: { value: LEGEND_SIZE },
        fill: { value: COLORS.muted },
      },
    },
  });
  const marks: Mark[] = [
    {
      type: 'text',
      name: 'title',
      encode: {
        enter: {
          x: { value: left },
          y: { value: 18 },
          text: { value: model.title },
          baseline: { value: 'top' },
          font: { value: FONT },
          fontSize: { value: TITLE_SIZE },
          fontWeight: { value: 'bold' },
          fill: { value: COLORS.text },
        },
      },
    },
    {
      type: 'rect',
      encode: {
        enter: {
          x: { value: left },
          y: { value: legendY - 6 },
          width: { value: 12 },
          height: { value: 12 },
          fill: { value: COLORS.rate },
        },
      },
    },
    text(left + 18, RATE_LEGEND),
  ];
  if (model.hasRatings) {
    const x = left + 18 + measureText(RATE_LEGEND, LEGEND_SIZE) + 24;
    marks.push(
      {
        type: 'rule',
        encode: {
          enter: {
            x: { value: x },
            x2: { value: x + 16 },
            y: { value: legendY },
            stroke: { value: COLORS.rating },
            strokeWidth: { value: 2 },
          },
        },
      },
      {
        type: 'symbol',
        encode: {
          enter: {
            x: { value: x + 8 },
            y: { value: legendY },
            shape: { value: 'circle' },
            size: { value: 44 },
            fill: { value: COLORS.rating },
            stroke: { value: COLORS.background },
            strokeWidth: { value: 1.5 },
          },
        },
      },
      text(x + 22, RATING_LEGEND),
    );
  }
  return marks;
}

/** The Vega spec of a cohort summary chart. Pure: the same model always gives the same spec. */
export function buildSummarySpec(model: ChartModel): Spec {
  const x: Scale = {
    name: 'x',
    type: 'band',
    domain: model.rows.map((row) => row.index),
    range: model.xRange,
    paddingInner: PADDING_INNER,
    paddingOuter: PADDING_OUTER,
    // Whole-pixel bar edges: crisp in the PNG, tidy numbers in the SVG.
    round: true,
  };
  return {
    description: model.title || 'Cohort summary',
    // The root group is the plot column, so axis grids (which span the root `width`) fit it; the header
    // reaches into the left padding.
    width: PLOT_WIDTH,
    height: CHART_HEIGHT,
    padding: { left: PLOT_LEFT, right: PLOT_RIGHT, top: 0, bottom: 0 },
    autosize: 'none',
    background: COLORS.background,
    signals: [{ name: 'weekLabels', value: model.rows.map((row) => row.label) }],
    data: [
      // Copies: Vega tags every tuple it ingests, and a tuple must belong to one data set.
      { name: 'rows', values: model.rows.map((row) => ({ ...row })) },
      { name: 'rates', values: model.rows.filter((row) => row.rate !== null).map((row) => ({ ...row })) },
      { name: 'ratings', values: model.rows.filter((row) => row.rating !== null).map((row) => ({ ...row })) },
    ],
    scales: [x],
    marks: [...header(model), ratePanel(model), ...(model.hasRatings ? [ratingPanel(model)] : [])],
  };
}
