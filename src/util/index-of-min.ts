/** Index of the smallest value (the first of equal ones); 0 for an empty list. */
export function indexOfMin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[best] as number)) best = i;
  return best;
}
