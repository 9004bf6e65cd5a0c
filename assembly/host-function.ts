import { fail } from "./fail";
import { parseJSON, stringifyJSON } from "./json";
import { typeName } from "./json-types";
import { allocateCopy, handOver, Memory, stringBlock } from "./memory";

/**
 * Arguments for, and results of, the host's own functions (module
 * `extism:host/user`), so that a plug-in never handles raw offsets:
 *
 * ```ts
 * @external("extism:host/user", "kv_read")
 * declare function kv_read(key: u64): u64;
 *
 * const value = HostFunction.readString(kv_read(HostFunction.string("visits")));
 * ```
 *
 * Each argument helper copies the value into a new kernel block and returns
 * its handle; the host function reads it (`cp.read(handle)` in the JS SDK).
 * The read helpers take the handle a host function returned (`cp.store(...)`),
 * read it with its length and free it. Numbers (i32, i64, f32, f64) pass as
 * plain numbers, without these helpers.
 */
export class HostFunction {
  /** A block holding `s` as UTF-8, for a host function's `u64` argument. */
  static string(s: string): u64 {
    return stringBlock(s);
  }

  /** A block holding a copy of `data` (honouring its `byteOffset`). */
  static bytes(data: Uint8Array): u64 {
    return handOver(allocateCopy(data.dataStart, data.byteLength));
  }

  /**
   * A block holding `value` as JSON. Fails the call when `value` holds NaN
   * or an infinity (JSON has neither), naming the field.
   */
  static json<T>(value: T): u64 {
    return HostFunction.string(stringifyJSON<T>(value, "HostFunction.json"));
  }

  /** The text of the block a host function returned, or `null` for handle 0. */
  static readString(handle: u64): string | null {
    if (handle == 0) return null;
    const block = Memory.find(handle);
    const text = block.toString();
    block.free();
    return text;
  }

  /** The bytes of the block a host function returned, or `null` for handle 0. */
  static readBytes(handle: u64): Uint8Array | null {
    if (handle == 0) return null;
    const block = Memory.find(handle);
    const bytes = block.toUint8Array();
    block.free();
    return bytes;
  }

  /**
   * The block a host function returned, parsed as JSON for `T`. Handle 0 (no
   * value) is `null` for a nullable `T` (`readJSON<Item | null>(h)`) and fails
   * the call otherwise; so does a value that is not JSON for `T`.
   */
  static readJSON<T>(handle: u64): T {
    const bytes = HostFunction.readBytes(handle);
    if (bytes === null) {
      if (isNullable<T>()) return changetype<T>(0);
      fail("the host function returned no value (handle 0); expected JSON for " + typeName<T>());
      return unreachable();
    }
    return parseJSON<T>(bytes.dataStart, bytes.byteLength, "the host function's result");
  }
}

// The glue of typed host functions: for
// `@hostFunction("lookup") declare function lookup(sku: string): Price;` the
// package's transform (transform/host-functions.js) declares the raw import
// and a function `lookup` that passes its arguments and reads its result
// with these. Numbers pass as themselves, without them.

/**
 * @internal An argument of a typed host function: a block holding `value`
 * (text for `string`, the bytes for `Uint8Array`, JSON for any other type),
 * handed over to the host.
 */
export function hostArgument<T>(value: T): u64 {
  if (isString<T>() && !isNullable<T>()) return HostFunction.string(changetype<string>(value));
  if (isBytes<T>()) return HostFunction.bytes(changetype<Uint8Array>(value));
  return HostFunction.json<T>(value);
}

/**
 * @internal The result of typed host function `name`, read from the block
 * `handle` (then freed) as `hostArgument` writes one. Handle 0 is `null` for
 * a nullable `T`, and fails the call otherwise; so does JSON that is not JSON
 * for `T`.
 */
export function hostResult<T>(handle: u64, name: string): T {
  if (handle == 0) {
    if (isNullable<T>()) return changetype<T>(0);
    fail("host function '" + name + "' returned no value (handle 0); expected " + typeName<T>());
    return unreachable();
  }
  if (isString<T>()) return changetype<T>(HostFunction.readString(handle));
  if (isBytes<T>()) return changetype<T>(HostFunction.readBytes(handle));
  const bytes = HostFunction.readBytes(handle)!;
  return parseJSON<T>(bytes.dataStart, bytes.byteLength, "the result of host function '" + name + "'");
}

/** @internal Whether `T` is `Uint8Array` itself (bytes, not JSON). */
// @ts-ignore: decorator
@inline
export function isBytes<T>(): bool {
  if (!isReference<T>() || isNullable<T>()) return false;
  return idof<T>() == idof<Uint8Array>();
}
