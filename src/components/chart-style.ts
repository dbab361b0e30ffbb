/**
 * The charts' shared look (DESIGN: muted axes in the theme's colours, 12 px ticks), so every
 * lazily loaded chart reads the same and a theme change reaches all of them.
 */
export const AXIS_TICK = { fill: 'var(--text-muted)', fontSize: 12 } as const;

export const LEGEND_STYLE = { fontSize: 13, paddingTop: 8 } as const;

/** A horizontal axis's title, under its ticks. */
export const bottomAxisLabel = (value: string) =>
  ({ value, position: 'insideBottom', offset: -8, fill: 'var(--text-muted)', fontSize: 12 }) as const;

/** A vertical axis's title, turned along it on the left. */
export const leftAxisLabel = (value: string) =>
  ({ value, angle: -90, position: 'insideLeft', fill: 'var(--text-muted)' }) as const;
