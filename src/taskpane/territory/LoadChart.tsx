/**
 * Per-rep bars of one metric against the target band (target x (1 +- tolerance)), before and after balancing.
 * Plain SVG so it renders the same in Excel, the playground and tests.
 */
import { tokens } from '@fluentui/react-components';

/** Props of {@link LoadChart}. */
export interface LoadChartProps {
  metric: string;
  reps: string[];
  before: number[];
  after: number[];
  targets: number[];
  tolerance: number;
}

const ROW = 22;
const LABEL = 90;
const WIDTH = 300;

export function LoadChart({ metric, reps, before, after, targets, tolerance }: LoadChartProps) {
  const max = Math.max(1e-9, ...before, ...after, ...targets.map((t) => t * (1 + tolerance)));
  const x = (v: number) => LABEL + ((WIDTH - LABEL - 8) * v) / max;
  const height = reps.length * ROW + 36;
  return (
    <svg
      role="img"
      aria-label={`${metric} by rep: before and after, against the target band`}
      width="100%"
      viewBox={`0 0 ${WIDTH} ${height}`}
    >
      {reps.map((rep, i) => {
        const y = i * ROW + 4;
        // a tolerance above 100% puts the band's low end below zero: draw it from zero, never over the names
        const lo = Math.max(0, targets[i] * (1 - tolerance));
        const hi = targets[i] * (1 + tolerance);
        const inBand = after[i] >= lo - 1e-9 * max && after[i] <= hi + 1e-9 * max;
        return (
          <g key={rep} aria-label={`${rep}: before ${before[i]}, after ${after[i]}, band ${lo} to ${hi}`}>
            <text x={LABEL - 4} y={y + 13} textAnchor="end" fontSize="10" fill={tokens.colorNeutralForeground2}>
              {rep.length > 14 ? rep.slice(0, 13) + '…' : rep}
            </text>
            <rect
              x={x(lo)}
              y={y}
              width={Math.max(1, x(hi) - x(lo))}
              height={ROW - 4}
              fill={tokens.colorPaletteGreenBackground2}
            />
            <rect
              x={LABEL}
              y={y + 2}
              width={Math.max(0, x(before[i]) - LABEL)}
              height={6}
              fill={tokens.colorNeutralStroke1}
            />
            <rect
              x={LABEL}
              y={y + 10}
              width={Math.max(0, x(after[i]) - LABEL)}
              height={6}
              fill={inBand ? tokens.colorBrandBackground : tokens.colorPaletteRedBackground3}
            />
          </g>
        );
      })}
      <text x={LABEL} y={height - 18} fontSize="9" fill={tokens.colorNeutralForeground3}>
        grey: before · dark green: after (red: outside the band)
      </text>
      <text x={LABEL} y={height - 6} fontSize="9" fill={tokens.colorNeutralForeground3}>
        light green: target ± {Math.round(tolerance * 1000) / 10}%
      </text>
    </svg>
  );
}
