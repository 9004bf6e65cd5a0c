// Logging at every level. The host decides which levels it shows.
import { Host, LogLevel } from "extism-as-pdk";

export function log_levels(): i32 {
  const subject = Host.inputString();
  Host.log(LogLevel.Trace, "tracing " + subject);
  Host.log(LogLevel.Debug, "debugging " + subject);
  Host.log(LogLevel.Info, "informing about " + subject);
  Host.log(LogLevel.Warn, "warning about " + subject);
  Host.log(LogLevel.Error, "error about " + subject);
  Host.outputString("logged 5 lines");
  return 0;
}
