/** A timestamp as local time, with the exact value for machines and tooltips. */
export function TimeText({ value }: { value: string }) {
  const date = new Date(value);
  return (
    <time dateTime={value} title={date.toISOString()}>
      {date.toLocaleString()}
    </time>
  );
}
