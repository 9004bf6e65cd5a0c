// Runs the built plug-in (build/plugin.wasm) on the Extism hosts your users
// have, as an application embedding it would: JS SDK 1.0.3 and 2.x, and a
// strict stand-in for the Rust runtime. EXTISM_AS_HOSTS=js-2 npm test runs
// on one only.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadPlugin, testHosts } from "extism-as-pdk/testing";

const wasm = new URL("../build/plugin.wasm", import.meta.url);

for (const host of testHosts()) {
  test(`greet says hello, on ${host}`, async () => {
    const plugin = await loadPlugin(wasm, { host });
    try {
      assert.deepEqual(await plugin.callJSON("greet", { name: "Zoë" }), { message: "Hello, Zoë!" });
    } finally {
      await plugin.close();
    }
  });

  test(`greet fails on bad input, saying why, on ${host}`, async () => {
    const plugin = await loadPlugin(wasm, { host });
    try {
      // A failed call throws the plug-in's own message.
      await assert.rejects(plugin.call("greet", "not JSON"), { message: "the input is not valid JSON for Request: unexpected character 'o' at byte 1" });
      await assert.rejects(plugin.call("greet", { name: "" }), { message: /^a name is required/ });
    } finally {
      await plugin.close();
    }
  });
}
