/** One weekly cycle of a cohort, as shown on the summary chart. */
export interface WeeklyPoint {
  cycle: number;
  /** Axis label, e.g. "Week 3". */
  label: string;
  /** Share of pairs that met, 0..1; `null` = not known yet. */
  meetingRate: number | null;
  /** Average check-in rating, 1..5; optional, `null`/absent = none. */
  averageRating?: number | null;
}

export interface ChartInput {
  title: string;
  points: readonly WeeklyPoint[];
}

export interface RenderedChart {
  png: Uint8Array;
  svg: string;
  width: number;
  height: number;
}
