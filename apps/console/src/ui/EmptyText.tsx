/** A table's "nothing here" text in the body colour (antd's placeholder grey is below AA contrast). */
export function EmptyText({ children }: { children: string }) {
  return <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{children}</span>;
}
