// build: official
// @extism/as-pdk 1.0.0, written and built as its README shows (its own abort
// handler, no -O).
import { Host, LogLevel } from "@extism/as-pdk";

function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {}

export function log_filtered(): i32 {
  for (let i = 0; i < 1000; i++) Host.log(LogLevel.Debug, "debug message");
  return 0;
}
