// build: modern
// This PDK, written as its README shows (default preset).
// Also built with `--use EXTISM_MODERN_HOST=1` (pdk-log.modern.wasm): a
// message below the host's level then costs one get_log_level call.
import { Host, LogLevel } from "extism-as-pdk";

export function log_filtered(): i32 {
  for (let i = 0; i < 1000; i++) Host.log(LogLevel.Debug, "debug message");
  return 0;
}
