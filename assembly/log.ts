import {
  get_log_level,
  log_debug,
  log_error,
  log_info,
  log_trace,
  log_warn,
} from "./extism";

/**
 * Log levels, in the host's order (the values `get_log_level` returns).
 * `Off` is only ever returned by `Host.logLevel()`; logging at it does nothing.
 */
export enum LogLevel {
  Trace = 0,
  Debug = 1,
  Info = 2,
  Warn = 3,
  Error = 4,
  Off = 5,
}

/**
 * @internal Whether a message at `level` would reach the host's logger.
 *
 * Built with `--use EXTISM_MODERN_HOST=1` (hosts that have `get_log_level`),
 * this asks the host once per message, so a filtered-out message costs one
 * cheap host call and no allocation. The default build stays loadable on
 * JS SDK 1.0.3, which lacks `get_log_level`, and leaves filtering to the host.
 */
// @ts-ignore: decorator
@inline
export function logEnabled(level: LogLevel): bool {
  // @ts-ignore: compile-time constant set with `--use`
  if (isDefined(EXTISM_MODERN_HOST) && EXTISM_MODERN_HOST) {
    // The host's level is 0..4, or anything else (as unsigned: above 4) for off.
    return <u32>level >= <u32>get_log_level() && level < LogLevel.Off;
  }
  return level < LogLevel.Off;
}

/**
 * @internal The host's level as a `LogLevel`; `Off` when the host logs
 * nothing. Needs `get_log_level` (Rust runtime, JS SDK 2.x).
 */
export function hostLogLevel(): LogLevel {
  const level = get_log_level();
  return level >= 0 && level < LogLevel.Off ? <LogLevel>level : LogLevel.Off;
}

/**
 * @internal Hands the block `handle` to the host's logger at `level`. The
 * host owns the block afterwards. In the default (portable) build `Trace`
 * goes to `log_debug`: JS SDK 1.0.3 has no `log_trace`.
 */
export function logHandle(level: LogLevel, handle: u64): void {
  switch (level) {
    case LogLevel.Trace: {
      // @ts-ignore: compile-time constant set with `--use`
      if (isDefined(EXTISM_MODERN_HOST) && EXTISM_MODERN_HOST) log_trace(handle);
      else log_debug(handle);
      break;
    }
    case LogLevel.Debug: log_debug(handle); break;
    case LogLevel.Info: log_info(handle); break;
    case LogLevel.Warn: log_warn(handle); break;
    case LogLevel.Error: log_error(handle); break;
  }
}
