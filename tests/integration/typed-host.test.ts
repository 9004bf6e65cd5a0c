/**
 * Typed host functions (@hostFunction, transform/host-functions.js): text,
 * bytes, JSON and numbers in both directions, null for handle 0 where the
 * type allows it, an error naming the host function where it does not. The
 * host side is written as the README shows it for the JS SDK.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type CallContext, HOSTS, type HostFunction, type LoadedPlugin, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";

/** What the host functions received, in order. */
const received: string[] = [];

function hostFunctions(): Record<string, HostFunction> {
  const prices: Record<string, { sku: string; cents: number }> = { apple: { sku: "apple", cents: 125 } };
  const fns = {
    kv_read(cp: CallContext, key: bigint): bigint {
      const k = cp.read(key)!.text();
      return k === "greeting" ? cp.store("héllo") : 0n;
    },
    lookup(cp: CallContext, sku: bigint): bigint {
      const price = prices[cp.read(sku)!.text()];
      return price === undefined ? 0n : cp.store(JSON.stringify(price));
    },
    maybe_lookup(cp: CallContext, sku: bigint): bigint {
      const name = cp.read(sku)!.text();
      if (name === "broken") return cp.store('{"sku": 5}');
      const price = prices[name];
      return price === undefined ? 0n : cp.store(JSON.stringify(price));
    },
    scale(_cp: CallContext, x: number, by: number): number {
      return x * by;
    },
    reverse_bytes(cp: CallContext, data: bigint): bigint {
      return cp.store(cp.read(data)!.bytes().slice().reverse());
    },
    record(cp: CallContext, price: bigint, note: bigint): void {
      received.push(`${cp.read(price)!.text()} ${cp.read(note)!.text()}`);
    },
  };
  return fns as unknown as Record<string, HostFunction>;
}

for (const host of HOSTS) {
  describe(`typed host functions on ${host.name}`, () => {
    let plugin: LoadedPlugin;
    before(async () => {
      plugin = await host.load(wasmPath("tests/typed-host"), { functions: hostFunctions(), logLevel: "error" });
    });
    after(async () => plugin.close());

    it("passes text, bytes, JSON and numbers, and reads them back", async () => {
      assert.equal(text(await plugin.call("read_key", "greeting")), "héllo");
      assert.deepEqual(JSON.parse(text(await plugin.call("price_of", "apple"))), { sku: "apple", cents: 125 });
      assert.equal(text(await plugin.call("scaled", "2.5")), "7.5");
      const out = await plugin.call("reversed", Uint8Array.from([1, 2, 3, 0]));
      assert.ok(out.ok && out.output !== null);
      assert.deepEqual([...out.output], [0, 3, 2, 1]);
      received.length = 0;
      assert.ok((await plugin.call("record_price", '{"sku": "pear", "cents": 9}')).ok);
      assert.deepEqual(received, ['{"sku":"pear","cents":9} noted ✓']);
    });

    it("reads handle 0 as null for a nullable result", async () => {
      assert.equal(text(await plugin.call("read_key", "missing")), "(none)");
      assert.equal(text(await plugin.call("maybe_price", "missing")), "null");
      assert.deepEqual(JSON.parse(text(await plugin.call("maybe_price", "apple"))), { sku: "apple", cents: 125 });
    });

    it("fails the call naming the host function when a required result is missing or not JSON for its type", async () => {
      const missing = await plugin.call("price_of", "missing");
      assert.equal(missing.ok, false);
      assert.equal(plugin.logs.at(-1)?.text, "host function 'lookup' returned no value (handle 0); expected Price");
      const broken = await plugin.call("maybe_price", "broken");
      assert.equal(broken.ok, false);
      assert.equal(plugin.logs.at(-1)?.text, "the result of host function 'maybe_lookup' is not valid JSON for Price | null: field \"sku\": expected a string, found a number at byte 8");
      assert.equal(text(await plugin.call("read_key", "greeting")), "héllo", "usable afterwards");
    });
  });
}
