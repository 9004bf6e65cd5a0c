// The glue of typed plug-in functions. For `export function greet(p: Person): Greeting`
// the package's transform (transform/typed-exports.js) exports a wrapper
// that reads the call's input as the parameter's type, calls the function,
// and writes its result as the call's output, with these helpers. A failure
// sets the call's error and returns normally (code 1), so that every host's
// caller sees the message: a trap loses it on the JS hosts.

import { beginCall } from "./abort";
import { input_length } from "./extism";
import { errorWasSet, forgetError, Host } from "./host";
import { isBytes } from "./host-function";
import { jsonFailure, nonFiniteProblem, tryParseJSON, writeJSON } from "./json";
import { byteSize, readInput } from "./memory";

// @ts-ignore: decorator
@lazy
let inputFailed = false;

/** @internal Starts a call of a typed plug-in function: a clean shadow stack, no error. */
export function beginTyped(): void {
  beginCall();
  forgetError();
  inputFailed = false;
}

/**
 * @internal The call's input as a `T`: the text for `string`, the bytes for
 * `Uint8Array`, JSON for any other type. Input that is not JSON for `T` sets
 * the call's error (`the input is not valid JSON for T: ...`) and makes
 * `typedInputFailed()` true; the value returned is then not to be used.
 */
export function typedInput<T>(): T {
  if (isString<T>() && !isNullable<T>()) return changetype<T>(Host.inputString());
  if (isBytes<T>()) return changetype<T>(Host.input());
  const size = byteSize(input_length(), "the input");
  const buffer = new ArrayBuffer(size);
  readInput(changetype<usize>(buffer), size);
  const value = tryParseJSON<T>(changetype<usize>(buffer), size, "the input");
  const failure = jsonFailure();
  if (failure !== null) {
    Host.setError(failure);
    inputFailed = true;
  }
  return value;
}

/** @internal Whether the input could not be read as the parameter's type (the call's error is set). */
export function typedInputFailed(): bool {
  return inputFailed;
}

/**
 * @internal Writes `value` as the call's output (text, bytes or JSON, as
 * `typedInput` reads them) and returns the call's code: 0, or 1 when the
 * function set an error (then nothing is written) or `value` holds NaN or an
 * infinity (then that is the error).
 */
export function typedOutput<T>(value: T): i32 {
  if (errorWasSet()) return 1;
  if (isString<T>() && !isNullable<T>()) Host.outputString(changetype<string>(value));
  else if (isBytes<T>()) Host.output(changetype<Uint8Array>(value));
  else {
    const problem = nonFiniteProblem<T>(value, "the result");
    if (problem !== null) {
      Host.setError(problem);
      return 1;
    }
    Host.outputString(writeJSON<T>(value));
  }
  return 0;
}

/** @internal The call's code for a function without a result: 1 when it set an error, else 0. */
export function typedDone(): i32 {
  return errorWasSet() ? 1 : 0;
}
