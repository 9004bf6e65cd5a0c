// Calling functions that the host provides: a key-value store kept by the
// host (see the README for the host side, in JavaScript).
import { Host, HostFunction } from "extism-as-pdk";

// The host's functions take and return kernel handles (u64); HostFunction
// turns strings, bytes and JSON into handles and back.
@external("extism:host/user", "kv_read")
declare function kv_read(key: u64): u64;
@external("extism:host/user", "kv_write")
declare function kv_write(key: u64, value: u64): void;

/** Counts how often it was called, in the host's store; outputs the count. */
export function count_calls(): i32 {
  const stored = HostFunction.readString(kv_read(HostFunction.string("calls")));
  const calls = (stored === null ? 0 : I32.parseInt(stored)) + 1;
  kv_write(HostFunction.string("calls"), HostFunction.string(calls.toString()));
  Host.outputString(calls.toString());
  return 0;
}
