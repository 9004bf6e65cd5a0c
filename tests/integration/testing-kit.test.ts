/**
 * The test kit for plug-in authors, `extism-as-pdk/testing`, imported from the
 * package as a user's test imports it, on every host: what a call returns,
 * what a failed call throws, vars set beforehand, typed host-function mocks,
 * HTTP.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import { ALL_HOSTS, hostFunction, loadPlugin, PluginError, testHosts } from "extism-as-pdk/testing";
import { startServer } from "../support/http-server.ts";
import { wasmPath } from "../support/hosts.ts";
import { ROOT } from "../../tools/build.ts";

const example = (name: string) => wasmPath(`examples/${name}`);

/** The PluginError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<PluginError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof PluginError, `a PluginError, got ${String(e)}`);
    return e;
  }
  assert.fail("the call succeeded");
}

for (const host of ALL_HOSTS) {
  describe(`extism-as-pdk/testing on ${host}`, () => {
    it("calls with a value as JSON, text or bytes, and reads JSON, text and bytes back", async () => {
      const plugin = await loadPlugin(example("greet"), { host, config: { greeting: "Hej" } });
      try {
        assert.deepEqual(await plugin.callJSON("greet", { name: "Zoë", age: 30 }), { message: "Hej, Zoë!", adult: true });
        const out = await plugin.call("greet", '{"name":"A"}');
        assert.equal(out.text, '{"message":"Hej, A!","adult":false}');
        assert.deepEqual(out.json(), { message: "Hej, A!", adult: false });
        assert.deepEqual(out.bytes, new TextEncoder().encode(out.text));
      } finally {
        await plugin.close();
      }
      const echo = await loadPlugin(wasmPath("tests/core"), { host });
      try {
        const bytes = Uint8Array.from([0, 0xff, 0xfe, 10]);
        assert.deepEqual((await echo.call("echo", bytes)).bytes, bytes);
      } finally {
        await echo.close();
      }
    });

    it("a failed call throws the plug-in's own message: an error it set, an abort, a non-zero return", async () => {
      const plugin = await loadPlugin(example("errors"), { host });
      try {
        const rejected = await failure(plugin.call("reject", ""));
        assert.deepEqual([rejected.message, rejected.kind, rejected.fn, rejected.host], ["a name is required", "error", "reject", host]);
        const crashed = await failure(plugin.call("crash", "x"));
        assert.deepEqual([crashed.message, crashed.kind], ["expected two comma-separated values (at index.ts:19:3)", "abort"]);
        assert.deepEqual(crashed.logs, [{ level: "error", text: "expected two comma-separated values (at index.ts:19:3)" }], "the call's log lines");
        const code = await failure(plugin.call("exit_code"));
        assert.deepEqual([code.message, code.kind], ["Returned non-zero exit code: 3", "error"]);
        assert.equal((await plugin.call("reject", "Bo")).text, "hello Bo", "usable after failures");
      } finally {
        await plugin.close();
      }
      const greet = await loadPlugin(example("greet"), { host });
      try {
        const bad = await failure(greet.call("greet", '{"name":'));
        assert.equal(bad.message, "the input is not valid JSON for Person: unexpected end at byte 8");
      } finally {
        await greet.close();
      }
    });

    it("keeps each call's log lines, and all of them", async () => {
      const plugin = await loadPlugin(example("logging"), { host, logLevel: "info" });
      try {
        const out = await plugin.call("log_levels", "it");
        assert.equal(out.text, "logged 5 lines");
        // JS SDK 1.0.3 ignores the level: every line reaches its logger (trace as debug).
        const below = host === "js-1.0.3" ? [{ level: "debug", text: "tracing it" }, { level: "debug", text: "debugging it" }] : [];
        assert.deepEqual(out.logs, [
          ...below,
          { level: "info", text: "informing about it" },
          { level: "warn", text: "warning about it" },
          { level: "error", text: "error about it" },
        ]);
        await plugin.call("log_levels", "again");
        assert.equal(plugin.logs.length, 2 * out.logs.length);
      } finally {
        await plugin.close();
      }
    });

    it("sets vars before the first call, as an earlier call would have", async () => {
      const plugin = await loadPlugin(example("count-vowels"), { host, vars: { total: "40" } });
      try {
        assert.deepEqual(await plugin.callJSON("count_vowels", "aa"), { count: 2, total: 42, vowels: "aeiouAEIOU" });
      } finally {
        await plugin.close();
      }
    });

    it("typed host-function mocks: plain values in and out, their calls recorded", async () => {
      const store = new Map([["calls", "41"]]);
      const kvRead = hostFunction({ params: ["string"], result: "string" }, (key: string) => store.get(key) ?? null);
      const kvWrite = hostFunction({ params: ["string", "string"] }, (key: string, value: string) => void store.set(key, value));
      const plugin = await loadPlugin(example("host-functions"), { host, functions: { kv_read: kvRead, kv_write: kvWrite } });
      try {
        assert.equal((await plugin.call("count_calls")).text, "42");
        assert.deepEqual(kvRead.calls, [["calls"]]);
        assert.deepEqual(kvWrite.calls, [["calls", "42"]]);
        store.clear();
        assert.equal((await plugin.call("count_calls")).text, "1", "null read: a fresh count");
        const failing = await loadPlugin(example("host-functions"), {
          host,
          functions: { kv_read: hostFunction({ params: ["string"], result: "string" }, () => { throw new Error("store offline"); }), kv_write: kvWrite },
        });
        try {
          const e = await failure(failing.call("count_calls"));
          assert.match(e.message, /store offline/);
        } finally {
          await failing.close();
        }
      } finally {
        await plugin.close();
      }
    });

    it("HTTP: to allowed hosts on the JS hosts, answered by a handler on the strict kernel", async () => {
      if (host === "strict") {
        const requests: string[] = [];
        const plugin = await loadPlugin(example("http-get"), {
          host,
          http: (req) => (requests.push(`${req.method} ${req.url}`), { status: 200, body: new TextEncoder().encode("12345") }),
        });
        try {
          assert.deepEqual((await plugin.call("http_get", "https://example.com/x")).json(), { url: "https://example.com/x", status: 200, bytes: 5 });
          assert.deepEqual(requests, ["GET https://example.com/x"]);
        } finally {
          await plugin.close();
        }
        return;
      }
      const server = await startServer();
      try {
        const expected = { url: `${server.origin}/hello`, status: 200, bytes: 29 };
        if (host === "js-1.0.3") {
          // 1.0.3's worker inherits this process's tsx loader, on which it
          // dies (see tests/support/plain-node.ts): run as a user's plain
          // node test does, importing the kit from the package.
          const script = `import { loadPlugin } from "extism-as-pdk/testing";
            const plugin = await loadPlugin(${JSON.stringify(example("http-get"))}, { host: "js-1.0.3", allowedHosts: ["127.0.0.1"] });
            process.stdout.write((await plugin.call("http_get", ${JSON.stringify(expected.url)})).text);
            await plugin.close();`;
          // Not execFileSync: the test server runs in this process's event loop.
          const { stdout } = await promisify(execFile)(process.execPath, ["--no-warnings", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
          assert.deepEqual(JSON.parse(stdout), expected);
          return;
        }
        const plugin = await loadPlugin(example("http-get"), { host, allowedHosts: ["127.0.0.1"] });
        try {
          assert.deepEqual((await plugin.call("http_get", expected.url)).json(), expected);
        } finally {
          await plugin.close();
        }
      } finally {
        await server.close();
      }
    });
  });
}

describe("testHosts", () => {
  it("is every host, or those EXTISM_AS_HOSTS names; a wrong name is refused", () => {
    const saved = process.env["EXTISM_AS_HOSTS"];
    try {
      delete process.env["EXTISM_AS_HOSTS"];
      assert.deepEqual(testHosts(), ["js-1.0.3", "js-2", "strict"]);
      process.env["EXTISM_AS_HOSTS"] = "strict, js-2";
      assert.deepEqual(testHosts(), ["strict", "js-2"]);
      process.env["EXTISM_AS_HOSTS"] = "rust";
      assert.throws(() => testHosts(), /EXTISM_AS_HOSTS: "rust" is not a host; the hosts are js-1\.0\.3, js-2, strict/);
    } finally {
      if (saved === undefined) delete process.env["EXTISM_AS_HOSTS"];
      else process.env["EXTISM_AS_HOSTS"] = saved;
    }
  });
});
