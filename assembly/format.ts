// Numbers in the PDK's messages, written without `toString`: an integer's
// `toString(radix = 10)` brings in every radix (hexadecimal tables and all,
// about 1.7 KB) and a float's the whole shortest-form printer (about 3 KB),
// for text that only a failure ever shows.

/** @internal `n` in decimal, as `n.toString()` writes it. */
export function decimal(n: u64): string {
  let digits = 1;
  for (let m = n; m >= 10; m /= 10) digits++;
  const s = changetype<string>(__new(<usize>digits << 1, idof<string>()));
  for (let i = digits - 1; i >= 0; i--) {
    store<u16>(changetype<usize>(s) + (<usize>i << 1), <u16>(0x30 + n % 10));
    n /= 10;
  }
  return s;
}

/** @internal A float that is NaN or an infinity, as `toString` writes it. */
export function nonFiniteName(x: f64): string {
  return isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}
