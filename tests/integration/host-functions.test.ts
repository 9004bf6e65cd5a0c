/**
 * Host functions (`extism:host/user`) called with strings, bytes, JSON and
 * numbers through HostFunction, on both JS SDK versions. The key-value store
 * is the host side of examples/host-functions too.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kvFunctions } from "../../tools/kv-store.ts";
import { type CallContext, type HostFunction, HOSTS, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";

/** The host side: a key-value store and a few functions of every argument kind. */
function hostFunctions(store: Map<string, string>): Record<string, HostFunction> {
  const fns = {
    ...kvFunctions(store),
    add_i32: (_cp: CallContext, a: number, b: number) => a + b,
    add_i64: (_cp: CallContext, a: bigint, b: bigint) => a + b,
    mul_f32: (_cp: CallContext, a: number, b: number) => a * b,
    mul_f64: (_cp: CallContext, a: number, b: number) => a * b,
    reverse_bytes(cp: CallContext, data: bigint): bigint {
      return cp.store(cp.read(data)!.bytes().slice().reverse());
    },
    describe(cp: CallContext, point: bigint): bigint {
      const p = JSON.parse(cp.read(point)!.text()) as { x: number; y: number; label: string };
      return cp.store(JSON.stringify({ distance: Math.hypot(p.x, p.y), label: `${p.label} ✓` }));
    },
    lookup(cp: CallContext, key: bigint): bigint {
      const name = cp.read(key)!.text();
      if (name === "bad") return cp.store('{"distance": "far"}');
      // As a host's JSON.stringify(v, null, 2) writes it, with a newline after.
      if (name === "pretty") return cp.store(`${JSON.stringify({ distance: 21, label: "C:\\" }, null, 2)}\n`);
      return name === "known" ? cp.store(JSON.stringify({ distance: 1, label: "found ✓" })) : 0n;
    },
    fail(cp: CallContext, message: bigint): void {
      throw new Error(`host says no: ${cp.read(message)!.text()}`);
    },
  };
  return fns as unknown as Record<string, HostFunction>;
}

for (const host of HOSTS) {
  describe(`host functions on ${host.name}`, () => {
    it("counts calls in the host's key-value store (strings in, string out)", async () => {
      const store = new Map<string, string>();
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(store) });
      const counts = [];
      for (let i = 0; i < 3; i++) counts.push(text(await plugin.call("count")));
      assert.deepEqual(counts, ["1", "2", "3"]);
      assert.equal(store.get("count"), "3", "the host holds the count");
      await plugin.close();
    });

    it("passes numbers as numbers: i32, i64, f32, f64", async () => {
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(new Map()) });
      assert.equal(text(await plugin.call("numbers")), `${2 ** 31 - 1} ${2n ** 63n - 4n} 6.0 -0.75`);
      await plugin.close();
    });

    it("passes bytes (honouring byteOffset) and reads bytes back", async () => {
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(new Map()) });
      const out = await plugin.call("bytes", Uint8Array.from([9, 0, 1, 2, 255, 254]));
      assert.ok(out.ok);
      assert.deepEqual(out.output, Uint8Array.from([254, 255, 2, 1, 0]));
      await plugin.close();
    });

    it("passes JSON and reads JSON back", async () => {
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(new Map()) });
      const out = JSON.parse(text(await plugin.call("json", JSON.stringify({ x: 3, y: 4, label: "pöint" }))));
      assert.deepEqual(out, { distance: 5, label: "pöint ✓" });
      await plugin.close();
    });

    it("reads no value (handle 0) as null for a nullable type, and fails the call where a value is required", async () => {
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(new Map()), logLevel: "error" });
      assert.equal(text(await plugin.call("find", "known")), "found ✓");
      assert.equal(text(await plugin.call("find", "unknown")), "none");
      assert.equal((await plugin.call("require_value", "unknown")).ok, false);
      assert.equal(plugin.logs.at(-1)?.text, "the host function returned no value (handle 0); expected JSON for Description");
      assert.equal((await plugin.call("require_value", "bad")).ok, false);
      assert.equal(plugin.logs.at(-1)?.text, 'the host function\'s result is not valid JSON for Description: field "distance": expected a number, found a string at byte 13');
      await plugin.close();
    });

    it("reads a pretty-printed JSON result with a trailing newline and a string ending in a backslash", async () => {
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(new Map()) });
      assert.deepEqual(JSON.parse(text(await plugin.call("require_value", "pretty"))), { distance: 21, label: "C:\\" });
      await plugin.close();
    });

    it("fails the call with the message of a host function that throws, and stays usable", async () => {
      const store = new Map<string, string>();
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(store) });
      // Both JS SDKs rethrow the host function's own error, message unchanged.
      assert.deepEqual(await plugin.call("failing", "because"), { ok: false, error: "host says no: because" });
      assert.equal(text(await plugin.call("count")), "1");
      await plugin.close();
    });

    it("stays usable after 10,000 calls failed by a throwing host function (the PDK gives back the shadow stack)", async () => {
      // A throw skips the epilogues of the plug-in's frames; without the
      // PDK's wrapper each failed call leaks 12 bytes of the preset's 96 KiB
      // shadow stack and, from the 8,190th of these on, every call fails
      // with a stack overflow.
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions: hostFunctions(new Map()) });
      for (let i = 0; i < 10_000; i++) {
        const out = await plugin.call("failing", "again");
        assert.ok(!out.ok && out.error === "host says no: again", `call ${i}: ${JSON.stringify(out)}`);
      }
      assert.equal(text(await plugin.call("count")), "1");
      await plugin.close();
    });
  });
}
