/**
 * The PDK core on every host: the two real `@extism/extism` versions and the
 * strict kernel stand-in (Rust runtime rules, any ABI violation fails).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ALL_HOSTS, type LoadedPlugin, type Outcome, wasmPath } from "../support/hosts.ts";

/** `n` bytes that differ from any shifted copy of themselves. */
function pattern(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) ^ i;
  }
  return out;
}

function ok(outcome: Outcome): Uint8Array {
  if (!outcome.ok) assert.fail(`call failed: ${outcome.error}`);
  assert.ok(outcome.output !== null, "output is null");
  return outcome.output;
}

/** A call that succeeds and outputs nothing (null on JS hosts, empty on Rust). */
function done(outcome: Outcome): void {
  if (!outcome.ok) assert.fail(`call failed: ${outcome.error}`);
}

function text(outcome: Outcome): string {
  return new TextDecoder().decode(ok(outcome));
}

function failed(outcome: Outcome): string {
  if (outcome.ok) assert.fail(`call succeeded with ${JSON.stringify(outcome.text)}`);
  return outcome.error;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

for (const host of ALL_HOSTS) {
  describe(`core on ${host.name}`, () => {
    let plugin: LoadedPlugin;
    before(async () => {
      plugin = await host.load(wasmPath("tests/core"), {
        config: { greeting: "hi", empty: "", "clé ✓": "välue 日本" },
        logLevel: "trace",
      });
    });
    after(async () => plugin.close());

    it("echoes every length from 0 to 64 byte for byte", async () => {
      for (let n = 0; n <= 64; n++) {
        const input = pattern(n, n + 1);
        assert.deepEqual(ok(await plugin.call("echo", input)), input, `length ${n}`);
      }
    });

    it("echoes 1 MiB and 16 MiB + 3 byte for byte", async () => {
      for (const n of [1 << 20, (16 << 20) + 3]) {
        const input = pattern(n, 7);
        const output = ok(await plugin.call("echo", input));
        assert.equal(output.length, n);
        assert.ok(Buffer.from(output).equals(Buffer.from(input)), `length ${n} differs`);
      }
    });

    it("echoes through kernel memory (inputMemory, allocateBytes, outputMemory)", async () => {
      for (const n of [0, 1, 7, 8, 9, 100]) {
        const input = pattern(n, 3);
        assert.deepEqual(ok(await plugin.call("echo_memory", input)), input, `length ${n}`);
      }
    });

    it("outputs exactly the bytes of a subarray (byteOffset honoured)", async () => {
      const input = pattern(40, 9);
      assert.deepEqual(ok(await plugin.call("subarray", input)), input.slice(3, 13));
    });

    it("outputs non-ASCII text with its UTF-8 byte length", async () => {
      // "héllo wörld ✓ 日本 🎉", written out as bytes.
      const expected = Uint8Array.from([
        0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0xc3, 0xb6, 0x72, 0x6c, 0x64, 0x20, 0xe2, 0x9c, 0x93, 0x20,
        0xe6, 0x97, 0xa5, 0xe6, 0x9c, 0xac, 0x20, 0xf0, 0x9f, 0x8e, 0x89,
      ]);
      assert.deepEqual(ok(await plugin.call("utf8_out")), expected);
      assert.deepEqual(ok(await plugin.call("echo_string", expected)), expected);
      assert.equal(text(await plugin.call("string_length", expected)), "29:héllo wörld ✓ 日本 🎉");
    });

    it("reads invalid UTF-8 as a string with U+FFFD replacement characters", async () => {
      const input = Uint8Array.from([0x61, 0xff, 0x62, 0xc3, 0x28, 0x63]);
      assert.deepEqual(ok(await plugin.call("echo_string", input)), utf8("a\uFFFDb\uFFFD(c"));
    });

    it("gives an empty result for empty output, not null and not a NUL byte", async () => {
      for (const fn of ["empty_output", "empty_string_output", "echo", "echo_string"]) {
        assert.deepEqual(ok(await plugin.call(fn, "")), new Uint8Array(0), fn);
      }
    });

    it("reads config: present, missing, empty, non-ASCII", async () => {
      const cases: [string, string][] = [
        ["greeting", '"hi"'],
        ["missing", "null"],
        ["clé ✓", '"välue 日本"'],
      ];
      for (const [key, expected] of cases) {
        assert.equal(text(await plugin.call("config", key)), expected, key);
      }
      if (host.name === "js-1.0.3") {
        // A host bug: JS SDK 1.0.3 cannot store an empty value and throws in config_get.
        assert.equal(failed(await plugin.call("config", "empty")), "failed to store output");
      } else {
        assert.equal(text(await plugin.call("config", "empty")), "null", "an empty value reads as missing");
      }
    });

    it("keeps vars across calls: set, get, remove, count, bytes", async () => {
      assert.equal(text(await plugin.call("var_get", "a")), "null");
      done(await plugin.call("var_set", "a=välue ✓"));
      assert.equal(text(await plugin.call("var_get", "a")), '"välue ✓"');
      done(await plugin.call("var_remove", "a"));
      assert.equal(text(await plugin.call("var_get", "a")), "null");
      done(await plugin.call("var_set", "b=x"));
      done(await plugin.call("var_set", "b="));
      assert.equal(text(await plugin.call("var_get", "b")), "null", "an empty value removes the var");
      const counts: string[] = [];
      for (let i = 0; i < 3; i++) counts.push(text(await plugin.call("var_count")));
      assert.deepEqual(counts, ["1", "2", "3"]);
      const blob = pattern(1000, 5);
      done(await plugin.call("var_set_bytes", blob));
      assert.deepEqual(ok(await plugin.call("var_get_bytes")), blob);
    });

    it("fails with exactly the setError message, and the next call works", async () => {
      for (const message of ["bad thing", "ünïcödé ✓ 🎉"]) {
        assert.equal(failed(await plugin.call("set_error", message)), host.errorText(message));
        assert.equal(failed(await plugin.call("set_error_nonzero", message)), host.errorText(message));
      }
      assert.deepEqual(ok(await plugin.call("echo", "still alive")), utf8("still alive"));
    });

    it("fails a non-zero return without an error where the host checks return codes", async () => {
      const outcome = await plugin.call("nonzero");
      if (host.name === "strict-kernel") assert.equal(failed(outcome), "Returned non-zero exit code: 42");
      // The JS hosts ignore the return code (ABI.md): the call succeeds, with no output.
      else assert.deepEqual(outcome, { ok: true, output: null, text: "" });
    });

    it("reports every abort's message, file and line, and stays usable", async () => {
      const cases: [string, string, RegExp][] = [
        ["throw_error", "x", /^boom: x \(at tests\/plugins\/core\.ts:\d+:\d+\)$/],
        ["assert_fails", "nope", /^input was not 'expected' \(at tests\/plugins\/core\.ts:\d+:\d+\)$/],
        ["out_of_bounds", "", /^Index out of range \(at ~lib\/array\.ts:\d+:\d+\)$/],
        ["huge_allocation", "", /^Invalid length \(at ~lib\/arraybuffer\.ts:\d+:\d+\)$/],
      ];
      for (const [fn, input, message] of cases) {
        const before = plugin.logs.length;
        const error = failed(await plugin.call(fn, input));
        const logged = plugin.logs.slice(before).filter((l) => l.level === "error").map((l) => l.text);
        assert.equal(logged.length, 1, `${fn}: one error line logged, got ${JSON.stringify(logged)}`);
        assert.match(logged[0]!, message, fn);
        if (host.errorSurvivesTrap) assert.equal(error, logged[0], `${fn}: the error is the message`);
        else assert.match(error, /unreachable/, `${fn}: JS hosts report the trap`);
        assert.deepEqual(ok(await plugin.call("echo", "next")), utf8("next"), `${fn}: usable afterwards`);
      }
    });

    it("Memory.find reads a block's length; store past a block fails with the sizes", async () => {
      assert.equal(text(await plugin.call("memory_find", "héllo")), "6:héllo");
      const error = failed(await plugin.call("memory_overflow", "123456789"));
      const logged = plugin.logs.filter((l) => l.level === "error").at(-1)?.text ?? "";
      assert.equal(logged, "Memory.store: 9 bytes, but the block has 4");
      if (host.errorSurvivesTrap) assert.equal(error, logged);
      assert.deepEqual(ok(await plugin.call("memory_overflow", "1234")), utf8("1234"));
    });
  });
}
