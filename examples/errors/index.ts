// Three ways a call fails, and what the host sees for each.
import { Host } from "extism-as-pdk";

/** Fails with a message of its own: the host reports exactly this text. */
export function reject(): i32 {
  const name = Host.inputString();
  if (name.length == 0) {
    Host.setError("a name is required");
    return 1;
  }
  Host.outputString("hello " + name);
  return 0;
}

/** An abort (a failed assert, a throw, an index out of range...): the message,
 * file and line become the call's error and an error log line. */
export function crash(): i32 {
  const parts = Host.inputString().split(",");
  assert(parts.length >= 2, "expected two comma-separated values");
  Host.outputString(parts[1]);
  return 0;
}

/** A non-zero return code without an error: the Rust runtime fails the call
 * ("Returned non-zero exit code: 3"); the JS SDK ignores the code. */
export function exit_code(): i32 {
  return 3;
}
