// Runs the plug-in on the Extism JS host, as an application embedding it would.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import createPlugin from "@extism/extism";

const wasm = { data: readFileSync(new URL("../build/plugin.wasm", import.meta.url)) };

test("greet says hello", async () => {
  const plugin = await createPlugin({ wasm: [wasm] });
  try {
    const output = await plugin.call("greet", JSON.stringify({ name: "Zoë" }));
    assert.deepEqual(output.json(), { message: "Hello, Zoë!" });
  } finally {
    await plugin.close();
  }
});

test("greet fails on input that is not JSON, saying why", async () => {
  const plugin = await createPlugin({ wasm: [wasm] });
  try {
    await assert.rejects(plugin.call("greet", "not JSON"), /the input is not valid JSON for Request: unexpected character 'o' at byte 1/);
  } finally {
    await plugin.close();
  }
});
