/**
 * The catalogue of bad input: each case gives a clear error naming the
 * problem on the host side (or the documented non-error), leaves the plug-in
 * usable for the next call, and loses no var stored before.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_HOSTS, type CallContext, type Host, type HostFunction, type LoadedPlugin, type LoadOptions, type Outcome, wasmPath } from "../support/hosts.ts";

interface Case {
  name: string;
  fn: string;
  input: string | Uint8Array;
  /** The host's error message (exact string, or a pattern), or the output when the case is not an error. */
  expect: (host: Host) => { error: string | RegExp } | { output: string };
  options?: LoadOptions;
  plugin?: string;
  hosts?: (host: Host) => boolean;
}

/** The abort message: the call's error on the Rust runtime, its error log line on JS. */
const abort = (message: string | RegExp) => (): { error: string | RegExp } => ({ error: message });

const CASES: Case[] = [
  {
    name: "input that is not valid UTF-8, read as a string, gets U+FFFD (documented, not an error)",
    fn: "read_string",
    input: Uint8Array.from([0x6f, 0x6b, 0xff, 0xc3]),
    expect: () => ({ output: "ok\uFFFD\uFFFD" }),
  },
  { name: "malformed JSON", fn: "parse_point", input: '{"x": 1,, "y": 2}', expect: abort("the input is not valid JSON for Point: expected a property name at byte 8") },
  { name: "truncated JSON", fn: "parse_point", input: '{"x": 1, "y"', expect: abort("the input is not valid JSON for Point: unexpected end at byte 12") },
  { name: "mistyped JSON", fn: "parse_point", input: '{"x": "one", "y": 2}', expect: abort('the input is not valid JSON for Point: field "x": expected an integer, found a string at byte 6') },
  { name: "JSON of another shape", fn: "parse_point", input: "[1, 2]", expect: abort("the input is not valid JSON for Point: expected an object, found an array at byte 0") },
  { name: "empty JSON input", fn: "parse_point", input: "", expect: abort("the input is not valid JSON for Point: it is empty") },
  { name: "a missing config key is null", fn: "config", input: "missing", expect: () => ({ output: "null" }) },
  { name: "a missing var is null", fn: "var_missing", input: "missing", expect: () => ({ output: "null" }) },
  {
    name: "an empty config value: null, except on JS 1.0.3 which fails (host bug)",
    fn: "config",
    input: "empty",
    options: { config: { empty: "" } },
    expect: (host) => (host.name === "js-1.0.3" ? { error: "failed to store output" } : { output: "null" }),
  },
  {
    name: "a var over the host's size limit",
    fn: "big_var",
    input: "2048",
    options: { maxVarBytes: 1024 },
    hosts: (host) => host.name !== "js-1.0.3", // 1.0.3 has no limit
    // The host counts every var: "precious ✓" (12 bytes) is stored too.
    expect: (host) => ({ error: host.errorText("var memory limit exceeded: 2060 bytes requested, 1024 allowed") }),
  },
  { name: "assert", fn: "failed_assert", input: "", expect: abort(/^the assertion failed \(at tests\/plugins\/reliability\.ts:\d+:\d+\)$/) },
  { name: "throw", fn: "thrown", input: "", expect: abort(/^thrown on purpose \(at tests\/plugins\/reliability\.ts:\d+:\d+\)$/) },
  { name: "an out-of-bounds array access", fn: "out_of_bounds", input: "", expect: abort(/^Index out of range \(at ~lib\/array\.ts:\d+:\d+\)$/) },
  { name: "an allocation far too large", fn: "huge_alloc", input: "", expect: abort(/^Invalid length \(at ~lib\/array\.ts:\d+:\d+\)$/) },
  {
    name: "a non-zero return code without an error (Rust fails it; JS ignores it)",
    fn: "nonzero",
    input: "",
    expect: (host) => (host.name === "strict-kernel" ? { error: "Returned non-zero exit code: 17" } : { output: "" }),
  },
  {
    name: "HTTP to a host that is not allowed",
    fn: "http_get",
    input: "http://example.com/",
    hosts: (host) => host.name === "strict-kernel", // JS hosts: tests/integration/http.test.ts (worker mode)
    expect: () => ({ error: "HTTP request to http://example.com/ is not allowed" }),
  },
  {
    name: "HTTP where the host has none (JS in the foreground)",
    fn: "http_get",
    input: "http://example.com/",
    hosts: (host) => host.name !== "strict-kernel",
    expect: () => ({ error: "HTTP GET http://example.com/ failed: the host made no request (HTTP disabled, or the host not allowed)" }),
  },
];

/** The error the host reported for the last call: the error itself, or (after a trap on JS) the last error log line. */
function reported(host: Host, plugin: LoadedPlugin, out: Outcome, logsBefore: number): string {
  if (out.ok) assert.fail(`the call succeeded: ${JSON.stringify(out.text)}`);
  if (host.errorSurvivesTrap || !/unreachable/.test(out.error)) return out.error;
  // The PDK's line comes last (the host may log lines of its own first).
  const lines = plugin.logs.slice(logsBefore).filter((l) => l.level === "error");
  assert.ok(lines.length > 0, "an error line for the trap");
  return lines.at(-1)!.text;
}

for (const host of ALL_HOSTS) {
  describe(`bad input on ${host.name}`, () => {
    for (const c of CASES.filter((c) => c.hosts === undefined || c.hosts(host))) {
      it(c.name, async () => {
        const plugin = await host.load(wasmPath(c.plugin ?? "tests/reliability"), { logLevel: "error", ...c.options });
        try {
          assert.ok((await plugin.call("keep", "precious ✓")).ok);
          const logsBefore = plugin.logs.length;
          const out = await plugin.call(c.fn, c.input);
          const expected = c.expect(host);
          if ("output" in expected) {
            assert.ok(out.ok, out.ok ? "" : out.error);
            assert.equal(out.text, expected.output);
          } else {
            const message = reported(host, plugin, out, logsBefore);
            const want = expected.error;
            if (typeof want === "string") assert.equal(message, want);
            else assert.match(message, want);
          }
          const next = await plugin.call("kept");
          assert.deepEqual(next.ok && next.text, "precious ✓", "usable afterwards, and the var stored before is still there");
        } finally {
          await plugin.close();
        }
      });
    }
  });
}

describe("bad input: a host function that throws", () => {
  for (const host of ALL_HOSTS.filter((h) => h.name !== "strict-kernel")) {
    it(`fails the call with its message on ${host.name}, and the plug-in goes on`, async () => {
      const functions = {
        kv_read: () => 0n,
        kv_write: () => {},
        fail: (cp: CallContext, message: bigint) => {
          throw new Error(`refused: ${cp.read(message)!.text()}`);
        },
      } as unknown as Record<string, HostFunction>;
      for (const name of ["add_i32", "add_i64", "mul_f32", "mul_f64", "reverse_bytes", "describe"]) functions[name] ??= (() => 0) as unknown as HostFunction;
      const plugin = await host.load(wasmPath("tests/host-functions"), { functions });
      const out = await plugin.call("failing", "no way");
      assert.equal(out.ok, false);
      assert.match(out.ok ? "" : out.error, /refused: no way/);
      assert.equal((await plugin.call("count")).ok, true);
      await plugin.close();
    });
  }
});
