export { renderSummaryChart } from './render.js';
export { CHART_HEIGHT, CHART_WIDTH, EMPTY_MESSAGE } from './spec.js';
export type { ChartInput, RenderedChart, WeeklyPoint } from './types.js';
