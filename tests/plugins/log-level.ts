// build: modern
// Logging through the host's level: built for hosts with get_log_level.
import { Host, LogLevel } from "extism-as-pdk";

/** The host's log level as a number (5 = off). */
export function log_level(): i32 {
  Host.outputString((<i32>Host.logLevel()).toString());
  return 0;
}

/** Logs `input` times at debug: the filtered-out path. */
export function log_many_debug(): i32 {
  const n = I32.parseInt(Host.inputString());
  for (let i = 0; i < n; i++) Host.log(LogLevel.Debug, "debug line");
  Host.log(LogLevel.Warn, "done");
  return 0;
}
