import { fail } from "./fail";
import { var_get, var_set } from "./extism";
import { parseJSON, stringifyJSON } from "./json";
import { emptyOf } from "./json-types";
import { foundOrNull, handOver, Memory, stringBlock } from "./memory";
import { releaseVarBlock } from "./var-ownership";

/**
 * Plug-in variables: bytes kept by the host between calls of the same plug-in
 * instance. Hosts cap their total size (the Rust runtime at 1 MiB by
 * default); a `set` over the cap fails the call with the host's message.
 */
export class Var {
  /**
   * The value of `key` as a block of kernel memory, or `null` when it is not
   * set (or `key` is empty: older Rust runtimes fail the call on an empty
   * key). Do not free it, and do not store into it: on JS SDK 1.0.3 it is
   * the var's own storage. On the Rust runtime and JS SDK 2.x it is a copy
   * that stays allocated until the call ends, and in JS 2.x's worker mode
   * (which HTTP needs) for the plug-in's life: to read a var often, use
   * `get`, `getString` or `getJSON`, which give the copy back.
   */
  static getMemory(key: string): Memory | null {
    if (key.length == 0) return null;
    return foundOrNull(var_get(stringBlock(key)));
  }

  /**
   * A copy of the value of `key`, or `null` when it is not set. Leaves no
   * kernel block behind on any host: the host's copy is freed where the host
   * made one (Rust runtime, JS SDK 2.x), the var's own block left alone where
   * it is shared (JS SDK 1.0.3). The first read of a plug-in instance that
   * finds a value asks the host twice to tell which.
   */
  static get(key: string): Uint8Array | null {
    const value = Var.getMemory(key);
    if (value === null) return null;
    const bytes = value.toUint8Array();
    releaseVarBlock(key, value);
    return bytes;
  }

  /**
   * The value of `key` decoded as UTF-8 (invalid sequences become U+FFFD), or
   * `null` when it is not set. Leaves no kernel block behind, as `get`.
   */
  static getString(key: string): string | null {
    const value = Var.getMemory(key);
    if (value === null) return null;
    const text = value.toString();
    releaseVarBlock(key, value);
    return text;
  }

  /**
   * The value of `key` parsed as JSON for `T`. When it is not set: `fallback`,
   * or else `T`'s empty value (`null` for a nullable type, 0, false, "", an
   * empty array or map, a `@json` object with its fields' defaults). Fails
   * the call when the stored bytes are not JSON for `T`. Leaves no kernel
   * block behind, as `get`.
   */
  static getJSON<T>(key: string, fallback: T = emptyOf<T>()): T {
    const value = Var.get(key);
    if (value === null) return fallback;
    return parseJSON<T>(value.dataStart, value.byteLength, "var '" + key + "'");
  }

  /**
   * Sets `key` to `value` as JSON. Fails the call, leaving the var as it
   * was, when `value` holds NaN or an infinity (JSON has neither, and a var
   * holding one could never be read back).
   */
  static setJSON<T>(key: string, value: T): void {
    Var.setString(key, stringifyJSON<T>(value, "Var.setJSON('" + key + "')"));
  }

  /**
   * Sets `key` to a copy of `value`. An empty value removes the var, on every
   * host (the Rust runtime cannot store an empty one).
   */
  static set(key: string, value: Uint8Array): void {
    if (value.byteLength == 0) Var.remove(key);
    else Var.setMemory(key, Memory.allocateBytes(value));
  }

  /** Sets `key` to the UTF-8 bytes of `value`; an empty string removes the var. */
  static setString(key: string, value: string): void {
    if (value.length == 0) Var.remove(key);
    else Var.setMemory(key, Memory.allocateString(value));
  }

  /**
   * Sets `key` to the block `value`, which then belongs to the host (`value`
   * is emptied). An empty block removes the var. Fails the call when `key`
   * is empty (older Rust runtimes do; the PDK does on every host).
   */
  static setMemory(key: string, value: Memory): void {
    if (value.length == 0) {
      value.free();
      Var.remove(key);
      return;
    }
    if (key.length == 0) {
      value.free();
      fail("Var.set: a var's key must not be empty");
    }
    var_set(stringBlock(key), handOver(value));
  }

  /** Removes `key`; removing a var that is not set (or an empty key) does nothing. */
  static remove(key: string): void {
    if (key.length == 0) return;
    var_set(stringBlock(key), 0);
  }
}
