/**
 * React keys for the rows of a virtualized list that recycle DOM rows while scrolling. Keyed by
 * the item, every scroll step unmounts the rows that left the view and mounts new ones (about a
 * screenful per frame when scrolling fast: the costliest work of a 10,000-row table). Keyed by
 * slot, a row that leaves the view becomes the one that enters it: React updates its text and
 * attributes in place. Within one contiguous range of items, `index % slots` is unique as long
 * as `slots` is at least the range's length; the pool grows in powers of two past 128 so a very
 * tall window never shares a key.
 */
export function rowSlotKey(index: number, rangeLength: number): number {
  let slots = 128;
  while (slots < rangeLength) slots *= 2;
  return index % slots;
}
