/** Sizes shared by the lazily loaded matrix chart and its placeholder, so nothing jumps. */
export const MATRIX_ROW_HEIGHT = 34;
export const MATRIX_MIN_CELL_WIDTH = 58;
export const MATRIX_Y_AXIS_WIDTH = 170;
export const MATRIX_X_AXIS_HEIGHT = 128;
export const MATRIX_TOP = 8;

export function matrixHeight(rows: number): number {
  return MATRIX_TOP + rows * MATRIX_ROW_HEIGHT + MATRIX_X_AXIS_HEIGHT;
}

export function matrixMinWidth(columns: number): number {
  return MATRIX_Y_AXIS_WIDTH + columns * MATRIX_MIN_CELL_WIDTH + 8;
}
