// Calling functions that the host provides: a key-value store kept by the
// host (see the README for the host side, in JavaScript).
import "extism-as-pdk";

// Declared with the types they take and return: the PDK passes strings as
// text in a block of the host's memory, and reads the result back (null when
// the host returns nothing).
@hostFunction("kv_read")
declare function kvRead(key: string): string | null;
@hostFunction("kv_write")
declare function kvWrite(key: string, value: string): void;

/** Counts how often it was called, in the host's store; outputs the count. */
export function count_calls(): string {
  const stored = kvRead("calls");
  const calls = (stored === null ? 0 : I32.parseInt(stored)) + 1;
  kvWrite("calls", calls.toString());
  return calls.toString();
}
