/**
 * Typed host functions for tests: a JavaScript function of plain values
 * (strings, bytes, JSON values, numbers), wrapped into the JS SDK's form,
 * `(cp, ...args)` over block handles, the way a plug-in's `@hostFunction`
 * declaration passes them. Each mock records the arguments of its calls.
 */
import type { CallContext, HostFunction } from "./hosts.ts";

/**
 * How a value crosses, matching the plug-in's declared type: `string` (text in
 * a block), `bytes` (a `Uint8Array` in a block), `json` (any other type,
 * JSON in a block), `number` (`i32`, `u32`, `f32`, `f64`, `bool`, passed as
 * themselves), `bigint` (`i64`, `u64`).
 */
export type ValueKind = "string" | "bytes" | "json" | "number" | "bigint";

export interface MockSignature {
  /** One kind per parameter, in order. */
  params?: ValueKind[];
  /** The result's kind; none for `void`. A `null` or `undefined` result of a block kind is handle 0 (`null` in the plug-in). */
  result?: ValueKind;
}

/** A host function that records its calls. */
export type MockHostFunction = HostFunction & {
  /** The decoded arguments of every call so far. */
  readonly calls: unknown[][];
};

/**
 * A host function for `functions`, from `impl` over plain values:
 *
 *   const lookup = hostFunction({ params: ["string"], result: "json" }, (sku) => prices[sku] ?? null);
 *   const plugin = await loadPlugin(wasm, { functions: { lookup } });
 *   ...
 *   assert.deepEqual(lookup.calls, [["A-1"]]);
 *
 * If `impl` throws, the call fails with its message.
 */
export function hostFunction(signature: MockSignature, impl: (...args: never[]) => unknown): MockHostFunction {
  const calls: unknown[][] = [];
  const params = signature.params ?? [];
  const fn = (cp: CallContext, ...raw: unknown[]): unknown => {
    if (raw.length !== params.length) throw new Error(`host function mock: called with ${raw.length} arguments, its signature has ${params.length}`);
    const args = raw.map((value, i) => decode(cp, params[i]!, value));
    calls.push(args);
    const result = (impl as (...a: unknown[]) => unknown)(...args);
    return signature.result === undefined ? undefined : encode(cp, signature.result, result);
  };
  return Object.assign(fn as HostFunction, { calls });
}

function decode(cp: CallContext, kind: ValueKind, value: unknown): unknown {
  switch (kind) {
    case "number":
      return typeof value === "bigint" ? Number(value) : value;
    case "bigint":
      return typeof value === "bigint" ? value : BigInt(value as number);
    default: {
      const block = value === 0n ? null : cp.read(value as bigint);
      if (block === null) return null;
      if (kind === "bytes") return block.bytes().slice();
      const text = block.text();
      return kind === "string" ? text : JSON.parse(text);
    }
  }
}

function encode(cp: CallContext, kind: ValueKind, value: unknown): unknown {
  switch (kind) {
    case "number":
      return Number(value);
    case "bigint":
      return BigInt(value as number | bigint);
    default:
      if (value === null || value === undefined) return 0n;
      if (kind === "bytes") return cp.store(value as Uint8Array);
      return cp.store(kind === "string" ? String(value) : JSON.stringify(value));
  }
}
