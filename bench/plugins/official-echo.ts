// build: official
// @extism/as-pdk 1.0.0, written and built as its README shows (its own abort
// handler, no -O).
import { Host } from "@extism/as-pdk";

function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {}

export function echo(): i32 {
  Host.output(Host.input());
  return 0;
}
