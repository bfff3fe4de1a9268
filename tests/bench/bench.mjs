// What every browser benchmark shares: running a measurement several times and printing
// its median as a `BENCH <name> | <figure>` line, which scripts/bench.sh collects.

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints one figure: the median of `values` (milliseconds), with the spread and count. */
export function reportMs(name, values) {
  const low = Math.min(...values).toFixed(1);
  const high = Math.max(...values).toFixed(1);
  console.log(`BENCH ${name} | ${median(values).toFixed(1)} ms median (${low}–${high}, ${values.length} runs)`);
}
