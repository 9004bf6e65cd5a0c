// How the PDK fails a call on purpose.

/**
 * @internal Fails the call with `message` as it is: `throw new
 * Error(message)` without the source position, which the PDK's abort
 * handler leaves out of the PDK's own messages anyway, so that the plug-in
 * does not carry the PDK's file names for it. Goes through the global
 * `abort` (the preset routes it to assembly/abort.ts), then traps.
 */
export function fail(message: string): void {
  abort(message, null, 0, 0);
  unreachable(); // as `throw` does, whatever abort does
}
