/**
 * The catalogue of bad input. Each case checks the exact error the host
 * reports (and, where the plug-in traps, the PDK's error log line: JS hosts
 * drop an error set before a trap, so a trapping PDK logs its message too),
 * then that the same plug-in instance still works and a var stored before the
 * failure is still there. Cases that are not errors (documented decisions)
 * check their output instead.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_HOSTS, type Host, HOSTS, JS_V1, JS_V2, type LoadedPlugin, type LoadOptions, type Outcome, wasmPath } from "../support/hosts.ts";
import { callOnV1Worker } from "../support/plain-node.ts";

/** A call's expected result: its output, or its error (and the PDK's error log line; `null`: none). */
type Expected = { output: string } | { error: string | RegExp; log?: string | RegExp | null };

interface Case {
  name: string;
  fn: string;
  input: string | Uint8Array;
  expect: (host: Host) => Expected;
  options?: LoadOptions;
  hosts?: (host: Host) => boolean;
}

/**
 * The PDK aborts with `message`: on the Rust runtime (and the strict kernel)
 * the call fails with it; JS hosts report the trap, `unreachable`, and the
 * message reaches the host's logger at error level.
 */
const trap = (message: string | RegExp) => (host: Host): Expected =>
  host.errorSurvivesTrap ? { error: message, log: message } : { error: "unreachable", log: message };

const JSON_ERROR = "the input is not valid JSON for Point";
const KEPT = "precious ✓";

const CASES: Case[] = [
  {
    name: "input that is not valid UTF-8, read as a string: each bad sequence becomes U+FFFD (a decision, not an error)",
    fn: "read_string",
    input: Uint8Array.from([0x6f, 0x6b, 0xff, 0xe2, 0x82, 0x20, 0xed, 0xa0, 0x80]),
    expect: () => ({ output: "ok\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD" }),
  },
  { name: "malformed JSON", fn: "parse_point", input: '{"x": 1,, "y": 2}', expect: trap(`${JSON_ERROR}: expected a property name at byte 8`) },
  { name: "truncated JSON", fn: "parse_point", input: '{"x": 1, "y"', expect: trap(`${JSON_ERROR}: unexpected end at byte 12`) },
  { name: "mistyped JSON", fn: "parse_point", input: '{"x": "one", "y": 2}', expect: trap(`${JSON_ERROR}: field "x": expected an integer, found a string at byte 6`) },
  { name: "JSON of another shape", fn: "parse_point", input: "[1, 2]", expect: trap(`${JSON_ERROR}: expected an object, found an array at byte 0`) },
  { name: "empty input read as JSON", fn: "parse_point", input: "", expect: trap(`${JSON_ERROR}: it is empty`) },
  { name: "a missing config key is null, not an error", fn: "config", input: "missing", expect: () => ({ output: "null" }) },
  { name: "a missing var is null, not an error", fn: "var_missing", input: "missing", expect: () => ({ output: "null" }) },
  {
    name: "an empty config value is null (as on the Rust runtime); JS 1.0.3 fails the call in config_get (host bug)",
    fn: "config",
    input: "empty",
    options: { config: { empty: "" } },
    expect: (host) => (host === JS_V1 ? { error: "failed to store output", log: null } : { output: "null" }),
  },
  {
    name: "a var over the host's size limit fails the call (JS 1.0.3 has no limit)",
    fn: "big_var",
    input: "2048",
    options: { maxVarBytes: 1024 },
    // The host counts every var: the 12 bytes of "precious ✓" are stored too.
    expect: (host) => (host === JS_V1 ? { output: "" } : { error: host.errorText("var memory limit exceeded: 2060 bytes requested, 1024 allowed") }),
  },
  { name: "assert", fn: "failed_assert", input: "", expect: trap(/^the assertion failed \(at tests\/plugins\/reliability\.ts:\d+:\d+\)$/) },
  { name: "throw", fn: "thrown", input: "", expect: trap(/^thrown on purpose \(at tests\/plugins\/reliability\.ts:\d+:\d+\)$/) },
  { name: "an out-of-bounds array access", fn: "out_of_bounds", input: "", expect: trap(/^Index out of range \(at ~lib\/array\.ts:\d+:\d+\)$/) },
  { name: "an allocation over AssemblyScript's 1 GiB block limit", fn: "huge_alloc", input: "", expect: trap(/^Invalid length \(at ~lib\/array\.ts:\d+:\d+\)$/) },
  {
    name: "running out of linear memory: a bare trap, with no message (AssemblyScript's allocator traps without abort)",
    fn: "out_of_memory",
    input: "",
    expect: (host) => ({ error: host.errorSurvivesTrap ? "RuntimeError: unreachable" : "unreachable", log: null }),
  },
  {
    name: "a non-zero return code without an error: the Rust runtime fails the call, JS hosts ignore the code",
    fn: "nonzero",
    input: "",
    expect: (host) => (host.errorSurvivesTrap ? { error: "Returned non-zero exit code: 17" } : { output: "" }),
  },
  {
    name: "HTTP where the host has none (JS hosts in the foreground): the PDK names the request",
    fn: "http_get",
    input: "http://example.com/",
    // The JS hosts in the foreground have no HTTP (status 0); the strict kernel, as the Rust runtime, refuses the host: the next case.
    hosts: (host) => !host.errorSurvivesTrap,
    expect: trap("HTTP GET http://example.com/ failed: the host made no request (HTTP disabled, or the host not allowed)"),
  },
  {
    name: "HTTP to a host that is not allowed (Rust rules: the host fails the call)",
    fn: "http_get",
    input: "http://example.com/",
    // Only the Rust-rules host fails the call itself; the JS hosts: the case above.
    hosts: (host) => host.errorSurvivesTrap,
    expect: () => ({ error: "HTTP request to http://example.com/ is not allowed" }),
  },
];

/** The PDK's error line for the last call: the last error-level line it logged, or null. */
function lastErrorLine(plugin: LoadedPlugin, from: number): string | null {
  const lines = plugin.logs.slice(from).filter((l) => l.level === "error");
  return lines.length === 0 ? null : lines.at(-1)!.text;
}

function check(actual: string | null, want: string | RegExp | null, what: string): void {
  if (want instanceof RegExp) assert.match(actual ?? "<none>", want, what);
  else assert.equal(actual, want, what);
}

function checkOutcome(out: Outcome, expected: Expected, plugin?: LoadedPlugin, logsBefore = 0): void {
  if ("output" in expected) {
    assert.ok(out.ok, out.ok ? "" : `the call failed: ${out.error}`);
    assert.equal(out.text, expected.output);
    return;
  }
  if (out.ok) assert.fail(`the call succeeded: ${JSON.stringify(out.text)}`);
  check(out.error, expected.error, "the error the host reports");
  if (expected.log !== undefined && plugin !== undefined) check(lastErrorLine(plugin, logsBefore), expected.log, "the PDK's error log line");
}

for (const host of ALL_HOSTS) {
  describe(`bad input on ${host.name}`, () => {
    for (const c of CASES.filter((c) => c.hosts === undefined || c.hosts(host))) {
      it(c.name, async () => {
        const plugin = await host.load(wasmPath("tests/reliability"), { logLevel: "error", ...c.options });
        try {
          assert.ok((await plugin.call("keep", KEPT)).ok, "a var stored before");
          const logsBefore = plugin.logs.length;
          checkOutcome(await plugin.call(c.fn, c.input), c.expect(host), plugin, logsBefore);
          const next = await plugin.call("kept");
          assert.equal(next.ok && next.text, KEPT, "the next call works, and the var stored before is still there");
        } finally {
          await plugin.close();
        }
      });
    }
  });
}

describe("bad input: a host function that throws", () => {
  const functions = {
    fail: (cp: { read(h: bigint): { text(): string } | null }, message: bigint) => {
      throw new Error(`refused: ${cp.read(message)!.text()}`);
    },
  } as unknown as NonNullable<LoadOptions["functions"]>;
  for (const host of HOSTS) {
    it(`${host.name}: the call fails with the host function's message; the plug-in goes on with its vars`, async () => {
      const plugin = await host.load(wasmPath("tests/reliability-host-function"), { functions });
      try {
        assert.ok((await plugin.call("keep", KEPT)).ok);
        checkOutcome(await plugin.call("failing", "no way"), { error: "refused: no way" });
        const next = await plugin.call("kept");
        assert.equal(next.ok && next.text, KEPT, "the next call works, and the var stored before is still there");
      } finally {
        await plugin.close();
      }
    });
  }
});

/**
 * HTTP on the JS hosts needs worker mode, where both JS SDKs are weaker than
 * in the foreground: after a host call that throws (HTTP refused or failed,
 * a host function that throws), 1.0.3's plug-in instance is dead and 2.x's
 * next call never settles (not tested: that would take a timeout); so these
 * cases check the error of the failing call, and what 1.0.3 does next.
 */
describe("bad input in worker mode (JS hosts; HTTP needs it)", () => {
  const HTTP_CASES = [
    {
      name: "HTTP to a host that is not allowed",
      url: "http://127.0.0.1:1/x",
      allowedHosts: ["example.com"],
      error: 'Call error: HTTP request to "http://127.0.0.1:1/x" is not allowed (no allowedHosts match "127.0.0.1")',
    },
    // Port 1 on the loopback: nothing listens there.
    { name: "HTTP to an unreachable URL", url: "http://127.0.0.1:1/nothing", allowedHosts: ["127.0.0.1"], error: "fetch failed" },
  ];

  for (const c of HTTP_CASES) {
    it(`JS 1.0.3: ${c.name} fails the call with the host's message; the instance is dead afterwards (host bug)`, async () => {
      const wasm = wasmPath("tests/reliability");
      const [keep, failed, next] = await callOnV1Worker(wasm, { allowedHosts: c.allowedHosts }, [["keep", KEPT], ["http_get", c.url], ["kept", ""]]);
      assert.ok(keep!.ok);
      checkOutcome(failed!, { error: c.error });
      checkOutcome(next!, { error: "Cannot read properties of null (reading 'postMessage')" });
    });

    it(`JS 2.0.0-rc13: ${c.name} fails the call with the host's message`, async () => {
      const plugin = await JS_V2.load(wasmPath("tests/reliability"), { runInWorker: true, allowedHosts: c.allowedHosts });
      try {
        checkOutcome(await plugin.call("http_get", c.url), { error: c.error });
      } finally {
        await plugin.close();
      }
    });
  }

  it("JS 1.0.3 keeps no var from one call to the next in worker mode (host bug); 2.x does", async () => {
    const wasm = wasmPath("tests/reliability");
    const v1 = await callOnV1Worker(wasm, {}, [["keep", KEPT], ["kept", ""]]);
    checkOutcome(v1[1]!, { output: "<none>" });
    const plugin = await JS_V2.load(wasm, { runInWorker: true });
    try {
      assert.ok((await plugin.call("keep", KEPT)).ok);
      checkOutcome(await plugin.call("kept"), { output: KEPT });
    } finally {
      await plugin.close();
    }
  });

  it("JS 2.0.0-rc13: a var over maxVarBytes is not stored, but the call succeeds (the host only logs it: host bug)", async () => {
    const plugin = await JS_V2.load(wasmPath("tests/reliability"), { runInWorker: true, maxVarBytes: 1024 });
    try {
      assert.ok((await plugin.call("keep", KEPT)).ok);
      checkOutcome(await plugin.call("keep", "x".repeat(2048)), { output: "" });
      assert.deepEqual(plugin.logs, [{ level: "error", text: "var memory limit exceeded: 2048 bytes requested, 1024 allowed" }]);
      checkOutcome(await plugin.call("kept"), { output: KEPT });
    } finally {
      await plugin.close();
    }
  });

  it("JS 2.0.0-rc13: a trap fails the call with `unreachable`; the next call works", async () => {
    const plugin = await JS_V2.load(wasmPath("tests/reliability"), { runInWorker: true });
    try {
      assert.ok((await plugin.call("keep", KEPT)).ok);
      checkOutcome(await plugin.call("failed_assert"), { error: "unreachable" });
      checkOutcome(await plugin.call("kept"), { output: KEPT });
    } finally {
      await plugin.close();
    }
  });
});
