/** Chart height shared by the lazy speed chart and its placeholder. */
export const SPEED_ROW_HEIGHT = 30;

export function speedChartHeight(rows: number): number {
  return Math.max(160, rows * SPEED_ROW_HEIGHT + 70);
}

/** The per-format chart: one bar per format in each pool's group. */
export function speedFormatsChartHeight(rows: number, formats: number): number {
  return Math.max(160, rows * (formats * 12 + 14) + 70);
}
