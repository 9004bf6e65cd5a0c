// Logging at every level. The host decides which levels it shows.
// Trace lines reach the host as debug lines unless the plug-in is built with
// `--use EXTISM_MODERN_HOST=1`: JS SDK 1.0.3 has no log_trace import.
import { Host, LogLevel } from "extism-as-pdk";

export function log_levels(subject: string): string {
  Host.log(LogLevel.Trace, "tracing " + subject);
  Host.log(LogLevel.Debug, "debugging " + subject);
  Host.log(LogLevel.Info, "informing about " + subject);
  Host.log(LogLevel.Warn, "warning about " + subject);
  Host.log(LogLevel.Error, "error about " + subject);
  return "logged 5 lines";
}
