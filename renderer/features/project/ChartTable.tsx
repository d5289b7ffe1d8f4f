/**
 * A chart's numbers as a table: what a screen reader reads, and what anyone can read exactly
 * (the bars only show proportions). One row per bar.
 */
export function ChartTable({ caption, head, rows, cellTestId, keyAttr }: { caption: string; head: [string, string]; rows: { key: string; name: string; value: number }[]; cellTestId: string; keyAttr: string }) {
  return (
    <table className="figures-table chart-table" data-testid={`${cellTestId}-table`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col">{head[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" dir="auto">
              {r.name}
            </th>
            <td dir="auto" className="num" data-testid={cellTestId} {...{ [`data-${keyAttr}`]: r.key }}>
              {r.value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
