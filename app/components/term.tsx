// One row of a key–value list (<dl className="kv">): the term and its value, or nothing when there is no value.
export function Term({ label, value, className }: { label: string; value: string | null | undefined; className?: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd className={className}>{value}</dd>
    </>
  );
}
