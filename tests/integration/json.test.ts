/**
 * JSON in and out through json-as: classes, arrays, maps, primitives, vars,
 * config, and a clear error for every kind of bad input, on every host.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ALL_HOSTS, type LoadedPlugin, type Outcome, wasmPath } from "../support/hosts.ts";

function text(outcome: Outcome): string {
  if (!outcome.ok) assert.fail(`call failed: ${outcome.error}`);
  return outcome.text;
}

for (const host of ALL_HOSTS) {
  describe(`JSON on ${host.name}`, () => {
    let plugin: LoadedPlugin;
    before(async () => {
      plugin = await host.load(wasmPath("tests/json"), { config: { retries: "7", tags: '["a","ü"]', bad: "{" }, logLevel: "error" });
    });
    after(async () => plugin.close());

    /** The message of the abort that failed the last call, as the host reports it. */
    async function failure(fn: string, input: string | Uint8Array): Promise<string> {
      const before = plugin.logs.length;
      const out = await plugin.call(fn, input);
      if (out.ok) assert.fail(`${fn} succeeded with ${out.text}`);
      const logged = plugin.logs.slice(before).filter((l) => l.level === "error").map((l) => l.text);
      assert.equal(logged.length, 1);
      if (host.errorSurvivesTrap) assert.equal(out.error, logged[0]);
      return logged[0]!;
    }

    it("parses a @json class and outputs a reply", async () => {
      const input = JSON.stringify({ name: "Zoë ✓", age: 33, tags: ["x"], address: { city: "Zürich", zip: "8000" } });
      assert.deepEqual(JSON.parse(text(await plugin.call("person", input))), { message: "hello Zoë ✓ from Zürich", nameLength: 5 });
    });

    it("round-trips non-ASCII strings byte for byte", async () => {
      const person = { name: "日本 🎉 \"quoted\" \\ \n", age: 1, tags: ["é", "✓"], address: null };
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_person", JSON.stringify(person)))), person);
      assert.equal(text(await plugin.call("echo_string", '"h\\u00e9llo \\ud83c\\udf89"')), '"héllo 🎉"');
    });

    it("handles arrays, maps and primitives", async () => {
      assert.equal(text(await plugin.call("sum_array", "[1, 2, 3, 40]")), "46");
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_strings", '["a", "ü", ""]'))), ["a", "ü", ""]);
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_map", '{"a": 1, "ö": -2}'))), { a: 1, ö: -2 });
      assert.equal(text(await plugin.call("half", "5")), "2.5");
      assert.equal(text(await plugin.call("negate", "true")), "false");
    });

    it("keeps JSON in vars and reads typed config", async () => {
      assert.deepEqual(JSON.parse(text(await plugin.call("var_person", ""))).name, "nobody");
      text(await plugin.call("var_person", JSON.stringify({ name: "kept", age: 2, tags: [], address: null })));
      assert.equal(JSON.parse(text(await plugin.call("var_person", ""))).name, "kept");
      assert.deepEqual([text(await plugin.call("var_counter")), text(await plugin.call("var_counter"))], ["1", "2"]);
      assert.equal(text(await plugin.call("config_typed")), "7 a|ü");
    });

    it("fails on bad input with a message naming the problem, and stays usable", async () => {
      const cases: [string, string | Uint8Array, string][] = [
        ["person", "", "the input is not valid JSON for Person: it is empty"],
        ["person", '{"name": "x", "age": 3', "the input is not valid JSON for Person: unexpected end at byte 22"],
        ["person", '{"name": "x",, }', "the input is not valid JSON for Person: expected a property name at byte 13"],
        ["person", "nope", "the input is not valid JSON for Person: unexpected character 'o' at byte 1"],
        ["person", '{"name": "x"} extra', "the input is not valid JSON for Person: unexpected text after the value at byte 14"],
        ["person", Uint8Array.from([0x7b, 0x22, 0x6e, 0xff, 0x22, 0x3a, 0x31, 0x7d]), "the input is not valid JSON for Person: invalid UTF-8 at byte 3"],
        ["sum_array", "[1, 2", "the input is not valid JSON for Array<i32>: unexpected end at byte 5"],
      ];
      for (const [fn, input, message] of cases) {
        assert.equal(await failure(fn, input), message, JSON.stringify(input));
        assert.equal(text(await plugin.call("sum_array", "[1]")), "1", "usable afterwards");
      }
    });

    it("fails on well-formed JSON of the wrong type, naming the type", async () => {
      const cases: [string, string][] = [
        ["person", "[1, 2]"],
        ["person", '{"name": 5}'],
        ["sum_array", '[1, "a"]'],
        ["sum_array", "{}"],
      ];
      for (const [fn, input] of cases) {
        const message = await failure(fn, input);
        assert.match(message, fn === "person" ? /^the input is not valid JSON for Person: / : /^the input is not valid JSON for Array<i32>: /, input);
      }
    });

    it("names the config key that is not JSON for its type", async () => {
      const reload = await host.load(wasmPath("tests/json"), { config: { retries: "seven" }, logLevel: "error" });
      const out = await reload.call("config_typed");
      assert.equal(out.ok, false);
      assert.equal(reload.logs.at(-1)?.text, "config 'retries' is not valid JSON for i32: unexpected character 's' at byte 0");
      await reload.close();
    });
  });
}
