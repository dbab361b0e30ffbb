import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { VERDICT_ICON } from '../../components/verdict-badge';
import type { MatrixCell, MatrixView } from '../../view-models/matrix-view';
import { MATRIX_TOP, MATRIX_X_AXIS_HEIGHT, MATRIX_Y_AXIS_WIDTH, matrixHeight, matrixMinWidth } from './matrix-layout';

interface Props {
  readonly view: MatrixView;
  readonly selected: { readonly model: string; readonly pool: string };
  readonly onSelect: (model: string, pool: string) => void;
}

interface Point extends MatrixCell {
  readonly row: number;
  readonly col: number;
  readonly x: string;
  readonly y: string;
}

function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Recharts passes tick renderers loosely typed props. */
function tickProps(raw: unknown): { x: number; y: number; payload: { value: string } } {
  const p = raw as { x?: number | string; y?: number | string; payload?: { value?: unknown } };
  const value = p.payload?.value;
  return { x: Number(p.x ?? 0), y: Number(p.y ?? 0), payload: { value: typeof value === 'string' ? value : '' } };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The fit matrix: models × GPU pools, coloured by verdict and labelled with decode tok/s. */
export default function FitMatrixChart({ view, selected, onSelect }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const containerWidth = useWidth(ref);
  const cols = view.columns.length;
  const rows = view.rows.length;
  const width = Math.max(containerWidth, matrixMinWidth(cols));
  const height = matrixHeight(rows);
  const cellWidth = (width - MATRIX_Y_AXIS_WIDTH - 8) / cols;
  const data: Point[] = view.cells.flatMap((row, r) =>
    row.map((cell, c) => ({ ...cell, row: r, col: c, x: view.columns[c]?.key ?? '', y: view.rows[r]?.key ?? '' })),
  );
  const colLabel = new Map(view.columns.map((c) => [c.key, c]));
  const rowLabel = new Map(view.rows.map((r) => [r.key, r]));
  const compact = cellWidth < 64;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as Element;
    const r = Number(target.getAttribute('data-row'));
    const c = Number(target.getAttribute('data-col'));
    if (!Number.isInteger(r) || !Number.isInteger(c) || target.getAttribute('data-row') === null) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      const nr = Math.min(rows - 1, Math.max(0, r + move[0]));
      const nc = Math.min(cols - 1, Math.max(0, c + move[1]));
      ref.current?.querySelector<SVGGElement>(`[data-row="${nr}"][data-col="${nc}"]`)?.focus();
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      const cell = view.cells[r]?.[c];
      if (cell) onSelect(cell.modelKey, cell.poolKey);
      e.preventDefault();
    }
  };

  return (
    <div className="matrix-scroll" ref={ref} onKeyDown={onKeyDown}>
      {containerWidth > 0 && (
        <ScatterChart
          width={width}
          height={height}
          margin={{ top: MATRIX_TOP, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <XAxis
            type="category"
            dataKey="x"
            allowDuplicatedCategory={false}
            orientation="bottom"
            height={MATRIX_X_AXIS_HEIGHT}
            interval={0}
            tickLine={false}
            axisLine={false}
            tick={(raw: unknown) => {
              const { x, y, payload } = tickProps(raw);
              const col = colLabel.get(payload.value);
              return (
                <g transform={`translate(${x},${y + 4})`}>
                  <text className="matrix-col-label" textAnchor="end" transform="rotate(-35)" dy="0.7em">
                    {truncate(col?.label ?? payload.value, 26)}
                    <tspan className="matrix-axis-detail"> {col?.detail}</tspan>
                  </text>
                </g>
              );
            }}
          />
          <YAxis
            type="category"
            dataKey="y"
            allowDuplicatedCategory={false}
            reversed
            width={MATRIX_Y_AXIS_WIDTH}
            interval={0}
            tickLine={false}
            axisLine={false}
            tick={(raw: unknown) => {
              const { x, y, payload } = tickProps(raw);
              const row = rowLabel.get(payload.value);
              return (
                <g transform={`translate(${x - 6},${y})`}>
                  <text className="matrix-row-label" textAnchor="end" dy="-0.15em">
                    {truncate(row?.label ?? payload.value, 24)}
                  </text>
                  <text className="matrix-axis-detail" textAnchor="end" dy="1.05em">
                    {truncate(row?.detail ?? '', 28)}
                  </text>
                </g>
              );
            }}
          />
          <Tooltip
            cursor={false}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const point = active ? (payload[0]?.payload as Point | undefined) : undefined;
              if (!point) return null;
              return (
                <div className="chart-tooltip">
                  {point.tooltip.map((line, i) => (
                    <div key={i} className={i === 0 ? 'tooltip-title' : undefined}>
                      {line}
                    </div>
                  ))}
                  <div className="tooltip-hint">Click for details</div>
                </div>
              );
            }}
          />
          <Scatter
            data={data}
            isAnimationActive={false}
            shape={(raw: unknown) => {
              const { cx = 0, cy = 0, payload } = raw as { cx?: number; cy?: number; payload?: Point };
              if (!payload) return <g />;
              const isSelected = payload.modelKey === selected.model && payload.poolKey === selected.pool;
              const w = cellWidth - 3;
              const h = 34 - 4;
              return (
                <g
                  className={`matrix-cell matrix-${payload.verdict}${isSelected ? ' is-selected' : ''}`}
                  role="button"
                  tabIndex={isSelected ? 0 : -1}
                  aria-label={payload.ariaLabel}
                  aria-pressed={isSelected}
                  data-row={payload.row}
                  data-col={payload.col}
                  onClick={() => onSelect(payload.modelKey, payload.poolKey)}
                >
                  <rect x={cx - w / 2} y={cy - h / 2} width={w} height={h} rx={4} />
                  <text x={cx} y={cy} textAnchor="middle" dominantBaseline="central">
                    <tspan className="matrix-icon">{VERDICT_ICON[payload.verdict]}</tspan>
                    {payload.speedLabel && <tspan dx={compact ? 2 : 4}>{payload.speedLabel}</tspan>}
                  </text>
                </g>
              );
            }}
          />
        </ScatterChart>
      )}
    </div>
  );
}
