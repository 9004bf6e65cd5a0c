// build: floor
import { asciiBlock, get_log_level, log_debug } from "./lib/floor";

/** 1,000 debug messages, each skipped after one get_log_level call when the host is above debug. */
export function log_filtered(): i32 {
  for (let i = 0; i < 1000; i++) {
    if (get_log_level() <= 1) log_debug(asciiBlock("debug message"));
  }
  return 0;
}
