// Typed host functions (@hostFunction), called from typed plug-in functions.
import { Host } from "extism-as-pdk";

@json
class Price {
  sku: string = "";
  cents: i64 = 0;
}

@hostFunction("kv_read")
declare function kvRead(key: string): string | null;

@hostFunction("extism:host/user", "lookup")
declare function lookup(sku: string): Price;

@hostFunction("maybe_lookup")
declare function maybeLookup(sku: string): Price | null;

@hostFunction("scale")
declare function scale(x: f64, by: i32): f64;

@hostFunction("reverse_bytes")
declare function reverseBytes(data: Uint8Array): Uint8Array;

@hostFunction("record")
declare function record(price: Price, note: string): void;

export function read_key(key: string): string {
  const value = kvRead(key);
  return value === null ? "(none)" : value;
}

export function price_of(sku: string): Price {
  return lookup(sku);
}

export function maybe_price(sku: string): Price | null {
  return maybeLookup(sku);
}

export function scaled(x: f64): f64 {
  return scale(x, 3);
}

export function reversed(data: Uint8Array): Uint8Array {
  return reverseBytes(data);
}

export function record_price(price: Price): void {
  record(price, "noted ✓");
}

/** Classic, for comparison: the same lookup, failing the call when the host has no price. */
export function classic_price(): i32 {
  Host.outputJSON(lookup(Host.inputString()));
  return 0;
}
