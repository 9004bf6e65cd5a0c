/** Every example plug-in, run on the real hosts (and the strict kernel where it needs no HTTP). */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { kvFunctions } from "../../tools/kv-store.ts";
import { ALL_HOSTS, type HostFunction, HOSTS, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";
import { startServer, type TestServer } from "../support/http-server.ts";
import { callInWorker } from "../support/plain-node.ts";

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => server.close());

for (const host of ALL_HOSTS) {
  describe(`examples on ${host.name}`, () => {
    it("count-vowels counts, and keeps a running total", async () => {
      const plugin = await host.load(wasmPath("examples/count-vowels"));
      assert.deepEqual(JSON.parse(text(await plugin.call("count_vowels", "Hello, World!"))), { count: 3, total: 3, vowels: "aeiouAEIOU" });
      assert.deepEqual(JSON.parse(text(await plugin.call("count_vowels", "AEIOU ünïcödé"))), { count: 5, total: 8, vowels: "aeiouAEIOU" });
      const big = "The quick brown fox jumps over the lazy dog. ".repeat(25_000);
      const expected = big.match(/[aeiouAEIOU]/g)!.length;
      assert.equal(JSON.parse(text(await plugin.call("count_vowels", big))).count, expected);
      await plugin.close();
    });

    it("greet answers JSON with the configured greeting, and rejects bad input clearly", async () => {
      const plugin = await host.load(wasmPath("examples/greet"), { config: { greeting: "Grüezi" }, logLevel: "error" });
      assert.deepEqual(JSON.parse(text(await plugin.call("greet", '{"name":"Zoë","age":17}'))), { message: "Grüezi, Zoë!", adult: false });
      // A typed function: the reason is the call's error on every host.
      assert.deepEqual(await plugin.call("greet", '{"name":'), { ok: false, error: host.errorText("the input is not valid JSON for Person: unexpected end at byte 8") });
      await plugin.close();
      const plain = await host.load(wasmPath("examples/greet"));
      assert.equal(JSON.parse(text(await plain.call("greet", '{"name":"Ann","age":40}'))).message, "Hello, Ann!");
      await plain.close();
    });

    // The strict kernel stands in for extism:host/env only; host functions need a real host.
    if (host.name !== "strict-kernel") {
      it("host-functions counts its calls in the host's store", async () => {
        const store = new Map<string, string>();
        const functions = kvFunctions(store) as unknown as Record<string, HostFunction>;
        // No leak check: host-function argument blocks are handed to the host, which frees none (the Extism convention).
        const plugin = await host.load(wasmPath("examples/host-functions"), { functions, checkLeaks: false });
        assert.deepEqual([text(await plugin.call("count_calls")), text(await plugin.call("count_calls"))], ["1", "2"]);
        assert.equal(store.get("calls"), "2");
        await plugin.close();
      });
    }

    it("errors: setError, abort and a non-zero code, as this host reports them", async () => {
      const plugin = await host.load(wasmPath("examples/errors"), { logLevel: "error" });
      assert.equal(text(await plugin.call("reject", "Ann")), "hello Ann");
      const rejected = await plugin.call("reject", "");
      assert.deepEqual(rejected, { ok: false, error: host.errorText("a name is required") });
      const crashed = await plugin.call("crash", "no comma");
      assert.equal(crashed.ok, false);
      assert.equal(plugin.logs.at(-1)?.text, "expected two comma-separated values (at index.ts:19:3)");
      const code = await plugin.call("exit_code");
      if (host.name === "strict-kernel") assert.deepEqual(code, { ok: false, error: "Returned non-zero exit code: 3" });
      else assert.deepEqual(code, { ok: true, output: null, text: "" });
      await plugin.close();
    });

    it("logging logs at every level", async () => {
      const plugin = await host.load(wasmPath("examples/logging"), { logLevel: "trace" });
      assert.equal(text(await plugin.call("log_levels", "x")), "logged 5 lines");
      // Trace goes out as debug: the example is built for every host, and JS 1.0.3 has no log_trace.
      assert.deepEqual(
        plugin.logs.map((l) => [l.level, l.text]),
        [
          ["debug", "tracing x"],
          ["debug", "debugging x"],
          ["info", "informing about x"],
          ["warn", "warning about x"],
          ["error", "error about x"],
        ],
      );
      await plugin.close();
    });
  });
}

for (const host of HOSTS) {
  describe(`HTTP examples on ${host.name}`, () => {
    const call = (name: string, fn: string, input: string, config: Record<string, string>) =>
      callInWorker(host, wasmPath(name), fn, input, { allowedHosts: ["127.0.0.1"], config });

    it("http-get reports status and length", async () => {
      const out = JSON.parse(text(await call("examples/http-get", "http_get", `${server.origin}/hello`, {})));
      assert.deepEqual(out, { url: `${server.origin}/hello`, status: 200, bytes: 29 });
    });

    it("kitchen-sink echoes its input when everything works", async () => {
      const input = "kitchen ✓ sink";
      assert.equal(text(await call("examples/kitchen-sink", "kitchen_sink", input, { test: "1", url: `${server.origin}/hello` })), input);
    });

    it("kitchen-sink fails unless the status is 200", async () => {
      const out = await call("examples/kitchen-sink", "kitchen_sink", "x", { url: `${server.origin}/missing` });
      assert.deepEqual(out, { ok: false, error: host.errorText(`GET ${server.origin}/missing returned 404, expected 200`) });
    });
  });
}
