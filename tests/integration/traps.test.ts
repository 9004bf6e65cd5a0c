/**
 * Traps that used to break the plug-in instance: a shadow stack overflow
 * (the PDK's `abort` recursed until the engine's stack ran out, with no
 * message), traps that skip `abort` in functions exported through
 * `export *` (each leaked its shadow-stack frames until every call failed),
 * a failure context left by a trap that skipped `abort` (the next call's
 * unrelated error was reported as bad JSON), and an abort whose report the
 * host cut short (the next abort trapped without a message). After each, the
 * same instance must serve the next call.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_HOSTS, type Host, JS_V1, type LoadedPlugin, type Outcome, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";

/**
 * Checks a call that the PDK's `abort` failed with `message`: on hosts that
 * keep an error across a trap (the strict kernel, as the Rust runtime) the
 * call's error is the message; JS hosts report `unreachable` and the message
 * is the PDK's last error log line of the call.
 */
function assertAborted(host: Host, plugin: LoadedPlugin, logsBefore: number, out: Outcome, message: RegExp): void {
  if (out.ok) assert.fail(`the call succeeded: ${JSON.stringify(out.text)}`);
  if (host.errorSurvivesTrap) assert.match(out.error, message, "the call's error");
  else assert.equal(out.error, "unreachable", "the call's error");
  const errors = plugin.logs.slice(logsBefore).filter((l) => l.level === "error");
  assert.equal(errors.length, 1, `one error log line: ${JSON.stringify(errors)}`);
  assert.match(errors[0]!.text, message, "the PDK's error log line");
}

/** A trap that did not pass through `abort`: no error set, no error logged. */
function assertBareTrap(plugin: LoadedPlugin, logsBefore: number, out: Outcome, trap: RegExp, what: string): void {
  if (out.ok) assert.fail(`${what}: the call succeeded`);
  assert.match(out.error, trap, what);
  assert.deepEqual(plugin.logs.slice(logsBefore), [], `${what}: nothing logged`);
}

const STACK_OVERFLOW = /^stack overflow \(recursion too deep for the shadow stack's \d+ bytes; asc's --stackSize sets its size\)$/;

/** `depth` objects, each the `child` of the one before. */
const nested = (depth: number) => '{"child":'.repeat(depth - 1) + "{}" + "}".repeat(depth - 1);

for (const host of ALL_HOSTS) {
  describe(`traps on ${host.name}`, () => {
    it("unbounded recursion fails the call with `stack overflow (...)`, three times over; each next call works", async () => {
      const plugin = await host.load(wasmPath("tests/stack"), { logLevel: "error" });
      try {
        for (let i = 0; i < 3; i++) {
          const before = plugin.logs.length;
          assertAborted(host, plugin, before, await plugin.call("deep", "10000000"), STACK_OVERFLOW);
          assert.equal(text(await plugin.call("ok")), "ok");
          assert.equal(text(await plugin.call("deep", "100")), "100", "recursion within the stack still works");
        }
      } finally {
        await plugin.close();
      }
    });

    it("a throw just above the end of the shadow stack still reports its message (the report gets a frame)", async () => {
      const plugin = await host.load(wasmPath("tests/stack"), { logLevel: "error" });
      try {
        // The deepest recursion that fits; a throw at the bottom of one about
        // as deep leaves less room than the report's own frames take.
        let fits = 1;
        for (let too = 10_000_000; fits + 1 < too; ) {
          const mid = Math.floor((fits + too) / 2);
          if ((await plugin.call("deep", String(mid))).ok) fits = mid;
          else too = mid;
        }
        const seen = new Set<string>();
        for (let n = fits - 8; n <= fits + 3; n++) {
          const before = plugin.logs.length;
          const out = await plugin.call("deep_throw", String(n));
          const line = plugin.logs.slice(before).find((l) => l.level === "error")?.text ?? "<no error logged>";
          const kind = /^bottom \(at tests\/plugins\/stack\.ts:\d+:\d+\)$/.test(line) ? "bottom" : STACK_OVERFLOW.test(line) ? "overflow" : line;
          assertAborted(host, plugin, before, out, kind === "bottom" ? /^bottom / : STACK_OVERFLOW);
          seen.add(kind);
          assert.equal(text(await plugin.call("ok")), "ok");
        }
        assert.deepEqual([...seen].sort(), ["bottom", "overflow"], "the depths tried straddle the end of the stack");
      } finally {
        await plugin.close();
      }
    });

    it("the preset's stack holds JSON nested to the reader's limit (512 levels of a recursive type)", async () => {
      const plugin = await host.load(wasmPath("tests/stack"), { logLevel: "error" });
      try {
        assert.equal(text(await plugin.call("nested", nested(512))), "512");
        const tree = '{"value":1,"children":['.repeat(255) + '{"value":1,"children":[]}' + "]}".repeat(255);
        assert.equal(text(await plugin.call("tree", tree)), tree, "256 objects and 255 arrays in turn, read and written back");
      } finally {
        await plugin.close();
      }
    });

    for (const [entry, layout, names] of [
      ["tests/stack", "declared in the entry file", ["trap"]],
      ["tests/stack-star", "exported through a chain of `export *` and `export { trap as trap_renamed } from`", ["trap", "trap_renamed"]],
    ] as const) {
      it(`2,000 calls that trap 64 frames deep without \`abort\`, ${layout}: the plug-in still works`, async () => {
        const plugin = await host.load(wasmPath(entry), { logLevel: "error" });
        try {
          for (let i = 0; i < 2000; i++) {
            const before = plugin.logs.length;
            const out = await plugin.call(names[i % names.length]!, "x");
            if (out.ok || !/unreachable/.test(out.error) || plugin.logs.length !== before) assertBareTrap(plugin, before, out, /unreachable/, `call ${i}`);
          }
          const check = entry === "tests/stack" ? ["ok", "ok"] : ["echo", "still here ✓"];
          assert.equal(text(await plugin.call(check[0]!, check[1])), check[1]);
        } finally {
          await plugin.close();
        }
      });
    }

    it("a trap that skips `abort` while a failure context is set leaves no trace: the next call's throw reports exactly its own message", async () => {
      const plugin = await host.load(wasmPath("tests/stack"), { logLevel: "error" });
      try {
        let before = plugin.logs.length;
        assertBareTrap(plugin, before, await plugin.call("trap_in_context"), /memory access out of bounds/, "the trap in context");
        before = plugin.logs.length;
        assertAborted(host, plugin, before, await plugin.call("boom"), /^boom \(at tests\/plugins\/stack\.ts:\d+:\d+\)$/);
      } finally {
        await plugin.close();
      }
    });
  });
}

describe("traps: a report that the host cut short", () => {
  it("JS 1.0.3: an abort whose report dies in the host (no kernel blocks left) leaves the next call's abort its message", async () => {
    // 1.0.3's kernel runs out of block indices for good (see soak.test.ts):
    // the report's own block then fails in the host, a trap in the middle
    // of `abort`. After plugin.reset() the next abort must report again.
    const plugin = await JS_V1.load(wasmPath("tests/reliability"), { logLevel: "error" });
    try {
      assert.ok((await plugin.call("burn_blocks", "32766")).ok);
      const cut = await plugin.call("thrown");
      assert.deepEqual(cut, { ok: false, error: "cannot assign to this block" }, "the report died in the host");
      await plugin.reset();
      const before = plugin.logs.length;
      assertAborted(JS_V1, plugin, before, await plugin.call("thrown"), /^thrown on purpose \(at tests\/plugins\/reliability\.ts:\d+:\d+\)$/);
    } finally {
      await plugin.close();
    }
  });
});
