import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { VERDICT_ICON } from '../../components/verdict-badge';
import { cellTooltip, type MatrixCell, type MatrixView } from '../../view-models/matrix-view';
import { MATRIX_ROW_HEIGHT, MATRIX_TOP, MATRIX_Y_AXIS_WIDTH, matrixHeight, matrixMinWidth } from './matrix-layout';

interface Props {
  readonly view: MatrixView;
  readonly selected: { readonly model: string; readonly pool: string };
  readonly onSelect: (model: string, pool: string) => void;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Width of the scroll container, measured after mount (0 on the server). */
function useContainerWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

interface Hover {
  readonly cell: MatrixCell;
  readonly x: number;
  readonly y: number;
  /** The part of the matrix in view when the cell was hovered or tapped (it scrolls sideways on phones). */
  readonly scrollLeft: number;
  readonly visibleWidth: number;
}

/** Tooltip width: its CSS width, narrowed to what a phone shows. */
const TOOLTIP_WIDTH = 280;
/** Room a tooltip needs below its cell (five lines and the hint); nearer the bottom it opens above. */
const TOOLTIP_ROOM = 170;

/** Where the tooltip goes: under (or over) the cell, kept inside the visible part of the matrix. */
function tooltipStyle(h: Hover, height: number) {
  const width = Math.min(TOOLTIP_WIDTH, Math.max(160, h.visibleWidth - 8));
  const min = h.scrollLeft + 4;
  const max = h.scrollLeft + h.visibleWidth - width - 4;
  const left = Math.max(min, Math.min(h.x - width * 0.2, max));
  const below = h.y + MATRIX_ROW_HEIGHT + 4;
  const above = below + TOOLTIP_ROOM > height;
  return {
    left,
    width,
    top: above ? h.y - 4 : below,
    transform: above ? 'translateY(-100%)' : 'none',
  };
}

/**
 * The fit matrix as one SVG: models × GPU pools, each cell coloured by verdict (with an icon) and
 * labelled with decode tok/s. Plain SVG keeps a change of any input within one frame even at
 * 60 × 60 cells; arrow keys move between cells (one tab stop), Enter selects.
 */
export function FitMatrixGrid({ view, selected, onSelect }: Props) {
  const { ref, width: containerWidth } = useContainerWidth();
  const [hover, setHover] = useState<Hover | null>(null);
  const hoverAt = (cell: MatrixCell, x: number, y: number) =>
    setHover({
      cell,
      x,
      y,
      scrollLeft: ref.current?.scrollLeft ?? 0,
      visibleWidth: ref.current?.clientWidth ?? containerWidth,
    });
  const cols = view.columns.length;
  const rows = view.rows.length;
  const width = Math.max(containerWidth || 960, matrixMinWidth(cols));
  const height = matrixHeight(rows);
  const cellWidth = (width - MATRIX_Y_AXIS_WIDTH - 8) / cols;
  const compact = cellWidth < 64;
  const gridBottom = MATRIX_TOP + rows * MATRIX_ROW_HEIGHT;
  let focusRow = view.rows.findIndex((r) => r.key === selected.model);
  let focusCol = view.columns.findIndex((c) => c.key === selected.pool);
  if (focusRow < 0 || focusCol < 0) [focusRow, focusCol] = [0, 0];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as Element;
    const r = Number(target.getAttribute('data-row'));
    const c = Number(target.getAttribute('data-col'));
    if (target.getAttribute('data-row') === null) return;
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
    <div className="matrix-scroll" ref={ref} onKeyDown={onKeyDown} onMouseLeave={() => setHover(null)}>
      <div className="matrix-inner" style={{ width }}>
        {/* The model names stay in view while the cells scroll sideways (phones). */}
        <div className="matrix-rail" aria-hidden="true">
          <svg className="matrix-rail-svg" width={MATRIX_Y_AXIS_WIDTH} height={gridBottom}>
            <rect className="matrix-rail-bg" width={MATRIX_Y_AXIS_WIDTH} height={gridBottom} />
            {view.rows.map((row, r) => {
              const y = MATRIX_TOP + r * MATRIX_ROW_HEIGHT + MATRIX_ROW_HEIGHT / 2;
              return (
                <g key={row.key} transform={`translate(${MATRIX_Y_AXIS_WIDTH - 8},${y})`}>
                  <text className="matrix-row-label" textAnchor="end" dy="-0.15em">
                    {truncate(row.label, 24)}
                  </text>
                  <text className="matrix-axis-detail" textAnchor="end" dy="1.05em">
                    {truncate(row.detail, 28)}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
        <svg
          className="matrix-svg"
          width={width}
          height={height}
          role="group"
          aria-label={`Fit matrix, ${view.formatLabel}: ${rows} model${rows === 1 ? '' : 's'} by ${cols} GPU configuration${cols === 1 ? '' : 's'}`}
        >
          {view.columns.map((col, c) => {
            const x = MATRIX_Y_AXIS_WIDTH + (c + 0.5) * cellWidth;
            return (
              <g key={col.key} transform={`translate(${x},${gridBottom + 8})`} aria-hidden="true">
                <text className="matrix-col-label" textAnchor="end" transform="rotate(-35)" dy="0.7em">
                  {truncate(col.label, 26)}
                  {col.detail && <tspan className="matrix-axis-detail"> {col.detail}</tspan>}
                </text>
              </g>
            );
          })}
          {view.cells.map((row, r) =>
            row.map((cell, c) => {
              const isSelected = cell.modelKey === selected.model && cell.poolKey === selected.pool;
              const x = MATRIX_Y_AXIS_WIDTH + c * cellWidth + 1.5;
              const y = MATRIX_TOP + r * MATRIX_ROW_HEIGHT + 2;
              const w = cellWidth - 3;
              const h = MATRIX_ROW_HEIGHT - 4;
              return (
                <g
                  key={`${cell.modelKey}|${cell.poolKey}`}
                  className={`matrix-cell matrix-${cell.verdict}${isSelected ? ' is-selected' : ''}`}
                  role="button"
                  tabIndex={r === focusRow && c === focusCol ? 0 : -1}
                  aria-label={cell.ariaLabel}
                  aria-pressed={isSelected}
                  data-row={r}
                  data-col={c}
                  onClick={() => onSelect(cell.modelKey, cell.poolKey)}
                  onMouseEnter={() => hoverAt(cell, x + w / 2, y)}
                  onFocus={() => hoverAt(cell, x + w / 2, y)}
                  onBlur={() => setHover(null)}
                >
                  <rect x={x} y={y} width={w} height={h} rx={4} />
                  <text x={x + w / 2} y={y + h / 2} textAnchor="middle" dominantBaseline="central">
                    <tspan className="matrix-icon">{VERDICT_ICON[cell.verdict]}</tspan>
                    {cell.speedLabel && <tspan dx={compact ? 2 : 4}>{cell.speedLabel}</tspan>}
                  </text>
                </g>
              );
            }),
          )}
        </svg>
        {hover && (
          <div className="chart-tooltip matrix-tooltip" role="presentation" style={tooltipStyle(hover, height)}>
            {cellTooltip(hover.cell).map((line, i) => (
              <div key={i} className={i === 0 ? 'tooltip-title' : undefined}>
                {line}
              </div>
            ))}
            <div className="tooltip-hint">Click for details</div>
          </div>
        )}
      </div>
    </div>
  );
}
