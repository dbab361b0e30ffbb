/** Height shared by the lazy serving chart and its placeholder. */
export const SERVING_CHART_HEIGHT = 340;
