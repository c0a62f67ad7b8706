/**
 * A horizontal bar chart drawn on the server as SVG, with a title and a description for screen readers
 * (the same figures always follow in a table on the page). Optionally a dashed line for a reference value,
 * such as a target. Used by consultation results and the beloftemeter.
 */
export function BarChart({
  id,
  label,
  rows,
  reference,
  scaleMax,
}: {
  id: string
  /** The chart's accessible name, e.g. "Staafdiagram: Woningen gebouwd". */
  label: string
  /** `text` is what is written next to the bar (the value with its unit or share). */
  rows: { label: string; value: number; text: string }[]
  reference?: { value: number; text: string }
  /** The value of a full bar; by default the largest value (shares pass 1, so a bar shows its part of all). */
  scaleMax?: number
}) {
  const barHeight = 28
  const labelWidth = 260
  const width = 640
  const top = reference ? 28 : 8
  const height = top + rows.length * (barHeight + 8)
  const max = scaleMax ?? Math.max(1e-9, ...rows.map((r) => r.value), reference?.value ?? 0)
  const span = width - labelWidth - 90
  const x = (v: number) => labelWidth + Math.round((Math.max(v, 0) / max) * span)
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: `${width}px` }}
      className="bar-chart"
    >
      <title id={`${id}-title`}>{label}</title>
      <desc id={`${id}-desc`}>{[...rows.map((r) => `${r.label}: ${r.text}`), ...(reference ? [reference.text] : [])].join('; ')}</desc>
      {rows.map((r, i) => {
        const y = top + i * (barHeight + 8)
        const w = Math.max(x(r.value) - labelWidth, 1)
        const text = r.label.length > 38 ? `${r.label.slice(0, 36)}…` : r.label
        return (
          <g key={`${r.label}-${i}`} aria-hidden="true">
            <text x={0} y={y + barHeight / 2 + 5} fontSize="14" fill="#1a1a1a">
              {text}
            </text>
            <rect x={labelWidth} y={y} width={w} height={barHeight} fill="#00457c" />
            <text x={labelWidth + w + 6} y={y + barHeight / 2 + 5} fontSize="14" fill="#1a1a1a">
              {r.text}
            </text>
          </g>
        )
      })}
      {reference ? (
        <g aria-hidden="true">
          <line
            x1={x(reference.value)}
            x2={x(reference.value)}
            y1={18}
            y2={height}
            stroke="#a4000f"
            strokeWidth="2"
            strokeDasharray="6 4"
          />
          <text x={Math.min(x(reference.value), width - 160)} y={14} fontSize="13" fill="#a4000f">
            {reference.text}
          </text>
        </g>
      ) : null}
    </svg>
  )
}
