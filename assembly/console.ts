// AssemblyScript's `console`, for plug-ins: the package's asconfig.json
// routes the global `console` here with `--use`, so `console.log("hi")` goes
// to the host's logger instead of importing `env.console.log`, which no
// Extism host provides (the plug-in would not load).

import { Host } from "./host";
import { LogLevel } from "./log";

/**
 * The host's logger, under the names TypeScript programmers write first. Each
 * message goes to `Host.log` at a level: `log` and `info` at info, `debug` at
 * debug, `warn` at warn, `error` at error. The host shows it or not by its
 * log level; an empty message is not sent. `console.time`, `timeLog` and
 * `timeEnd` are build errors: Extism gives plug-ins no clock.
 */
export namespace console {
  /** Logs `message` at info. */
  export function log(message: string = ""): void {
    Host.log(LogLevel.Info, message);
  }

  /** Logs `message` at debug. */
  export function debug(message: string = ""): void {
    Host.log(LogLevel.Debug, message);
  }

  /** Logs `message` at info. */
  export function info(message: string = ""): void {
    Host.log(LogLevel.Info, message);
  }

  /** Logs `message` at warn. */
  export function warn(message: string = ""): void {
    Host.log(LogLevel.Warn, message);
  }

  /** Logs `message` at error. */
  export function error(message: string = ""): void {
    Host.log(LogLevel.Error, message);
  }

  /**
   * Logs `Assertion failed: message` at error when `condition` is falsy, and
   * goes on, as JavaScript's `console.assert` does. (`assert` stops the call.)
   */
  export function assert<T>(condition: T, message: string = ""): void {
    if (!condition) Host.log(LogLevel.Error, message.length > 0 ? "Assertion failed: " + message : "Assertion failed");
  }

  /** A build error: Extism gives plug-ins no clock to time with. */
  export function time(label: string = "default"): void {
    ERROR("console.time: Extism gives plug-ins no clock; take the time from a host function");
  }

  /** A build error: Extism gives plug-ins no clock to time with. */
  export function timeLog(label: string = "default"): void {
    ERROR("console.timeLog: Extism gives plug-ins no clock; take the time from a host function");
  }

  /** A build error: Extism gives plug-ins no clock to time with. */
  export function timeEnd(label: string = "default"): void {
    ERROR("console.timeEnd: Extism gives plug-ins no clock; take the time from a host function");
  }
}
