// A horizontal bar chart as one accessible image (role="img", named by its <title> and <desc>): the page puts the same
// numbers in a table beside it, so nothing is only in the picture. Horizontal bars keep long Chinese labels readable
// at 360 px; the SVG scales to its box and stops growing at 30rem so its text stays the size of the page's.
import { useId } from "react";

export interface BarGroup {
  label: string;
  /** One value per series, in the order of `series`. */
  values: number[];
  /** How each value reads at the end of its bar (defaults to the number). */
  texts?: string[];
}

/** Brand red, blue and green: told apart by the legend's order too, not by colour alone. */
const colours = ["#9b1c1c", "#0550ae", "#1a7f37"];

const WIDTH = 320;
const LABEL = 14;
const BAR = 10;
const GAP = 3;
const GROUP_GAP = 8;
const LEGEND = 18;
const VALUE_SPACE = 56;

export function BarChart({ title, description, groups, series }: { title: string; description: string; groups: readonly BarGroup[]; series?: readonly string[] }) {
  const id = useId();
  const count = Math.max(1, series?.length ?? 1);
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const legend = series && series.length > 1 ? LEGEND : 0;
  const groupHeight = LABEL + count * (BAR + GAP) + GROUP_GAP;
  const height = legend + Math.max(1, groups.length) * groupHeight;
  const span = WIDTH - VALUE_SPACE;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: "30rem", display: "block" }}
      fontSize="11"
      fontFamily="inherit"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {legend
        ? series!.map((name, i) => (
            <g key={name} transform={`translate(${i * 100}, 0)`}>
              <rect x="0" y="3" width="10" height="10" fill={colours[i % colours.length]} />
              <text x="14" y="12" fill="#1f2328">
                {name}
              </text>
            </g>
          ))
        : null}
      {groups.map((g, gi) => {
        const top = legend + gi * groupHeight;
        return (
          <g key={`${g.label}-${gi}`} transform={`translate(0, ${top})`}>
            <text x="0" y="11" fill="#1f2328">
              {g.label}
            </text>
            {g.values.map((v, i) => {
              const w = v > 0 ? Math.max(1, (v / max) * span) : 0;
              const y = LABEL + i * (BAR + GAP);
              return (
                <g key={i}>
                  <rect x="0" y={y} width={w} height={BAR} fill={colours[i % colours.length]} />
                  <text x={w + 4} y={y + BAR - 1} fill="#57606a" fontSize="10">
                    {g.texts?.[i] ?? String(v)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
