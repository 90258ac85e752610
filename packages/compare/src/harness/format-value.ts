/** A figure with its unit, at a precision a reader can take in: "61.2 µs", "9.4 MiB", "1.93×". */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'bytes') {
    if (value >= 2 ** 20) return `${(value / 2 ** 20).toPrecision(3)} MiB`;
    if (value >= 2 ** 10) return `${(value / 2 ** 10).toPrecision(3)} KiB`;
    return `${Math.round(value)} B`;
  }
  if (unit === '×') return `${value.toFixed(2)}×`;
  if (unit === 'req/s') return `${Math.round(value).toLocaleString('en-US')} req/s`;
  const digits = value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
  return `${digits} ${unit}`;
}
