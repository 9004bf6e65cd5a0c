/**
 * JSON in and out through json-as: classes, arrays, maps, primitives, vars,
 * config, and a clear error for every kind of bad input, on every host.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runAsc } from "../../tools/build.ts";
import { ALL_HOSTS, JS_V2, type LoadedPlugin, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";

for (const host of ALL_HOSTS) {
  describe(`JSON on ${host.name}`, () => {
    let plugin: LoadedPlugin;
    before(async () => {
      plugin = await host.load(wasmPath("tests/json"), { config: { retries: "7", tags: '["a","ü"]', bad: "{", n: "42\n", limits: " [1, 2, 3] " }, logLevel: "error" });
    });
    after(async () => plugin.close());

    /** The message of the abort that failed the last call, as the host reports it. */
    async function failure(fn: string, input: string | Uint8Array): Promise<string> {
      const before = plugin.logs.length;
      const out = await plugin.call(fn, input);
      if (out.ok) assert.fail(`${fn} succeeded with ${out.text}`);
      const logged = plugin.logs.slice(before).filter((l) => l.level === "error").map((l) => l.text);
      assert.equal(logged.length, 1);
      // The Rust runtime keeps the error the abort set; the JS hosts drop it for the trap's own message.
      assert.equal(out.error, host.errorSurvivesTrap ? logged[0] : "unreachable");
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
        ["sum_array", "[1, 2", "the input is not valid JSON for i32[]: unexpected end at byte 5"],
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
        assert.match(message, fn === "person" ? /^the input is not valid JSON for Person: / : /^the input is not valid JSON for i32\[\]: /, input);
      }
    });

    it("reads every number type at its limits, and writes them back", async () => {
      const input = '{"a":-128,"b":255,"c":-32768,"d":65535,"e":-2147483648,"f":4294967295,"g":-9223372036854775808,"h":18446744073709551615,"i":1.5,"j":-0.1,"k":true}';
      assert.equal(text(await plugin.call("echo_numbers", input)), input);
    });

    it("reads a class with a base class, an aliased field, maps and nested arrays", async () => {
      const input = '{"id":7,"full_name":"Zoë ✓","scores":{"a":1.5,"ü":-2},"byId":{"1":"x","-2":"y"},"matrix":[[1,2],[],[3]]}';
      assert.equal(text(await plugin.call("echo_derived", input)), input);
    });

    it("reads a recursive type and a nullable one", async () => {
      const tree = { value: 1, children: [{ value: 2, children: [{ value: 3, children: [] }] }, { value: 4, children: [] }] };
      assert.equal(text(await plugin.call("tree_sum", JSON.stringify(tree))), "10");
      assert.equal(text(await plugin.call("echo_nullable", "null")), "null");
      assert.equal(JSON.parse(text(await plugin.call("echo_nullable", '{"name": "n"}'))).name, "n");
    });

    it("decodes every escape, \\/ included (json-as alone reads it as U+0000)", async () => {
      const value = 'a/b \u0000 " \\ \b \f \n \r \t é 🎉 \\/';
      const input = '"a\\/b \\u0000 \\" \\\\ \\b \\f \\n \\r \\t \\u00e9 \\ud83c\\udf89 \\\\\\/"';
      assert.equal(JSON.parse(input), value);
      assert.equal(JSON.parse(text(await plugin.call("echo_string", input))), value);
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_map", '{"a\\/b": 1}'))), { "a/b": 1 });
    });

    it("gives the type's empty value for a typed var that is not set", async () => {
      assert.equal(text(await plugin.call("var_missing")), "null 0 0 ''");
    });

    it("checks JSON against the type before json-as reads it: elements, nested and nullable fields, map values and keys, integer ranges", async () => {
      const forType = (type: string) => `the input is not valid JSON for ${type}: `;
      const cases: [string, string, string][] = [
        // json-as alone: out-of-bounds trap that broke the instance for good
        ["echo_strings", '["a", null]', `${forType("string[]")}element [1]: expected a string, found null at byte 6`],
        ["echo_strings", '["a", 1]', `${forType("string[]")}element [1]: expected a string, found a number at byte 6`],
        // json-as alone: 1.5 read as an i32 element
        ["sum_array", "[1.5]", `${forType("i32[]")}element [0]: expected an integer from -2147483648 to 2147483647, found 1.5 at byte 1`],
        ["sum_array", "[99999999999]", `${forType("i32[]")}element [0]: expected an integer from -2147483648 to 2147483647, found 99999999999 at byte 1`],
        ["sum_array", "[1e3]", `${forType("i32[]")}element [0]: expected an integer from -2147483648 to 2147483647, found 1e3 at byte 1`],
        // json-as alone: 128 as an i8 is -128, -1 as a u8 is 255
        ["echo_numbers", '{"a": 128}', `${forType("Numbers")}field "a": expected an integer from -128 to 127, found 128 at byte 6`],
        ["echo_numbers", '{"b": -1}', `${forType("Numbers")}field "b": expected an integer from 0 to 255, found -1 at byte 6`],
        ["echo_numbers", '{"g": 9223372036854775808}', `${forType("Numbers")}field "g": expected an integer from -9223372036854775808 to 9223372036854775807, found 9223372036854775808 at byte 6`],
        ["echo_numbers", '{"h": 18446744073709551616}', `${forType("Numbers")}field "h": expected an integer from 0 to 18446744073709551615, found 18446744073709551616 at byte 6`],
        ["echo_numbers", '{"k": 1}', `${forType("Numbers")}field "k": expected a boolean, found a number at byte 6`],
        // json-as alone: a number where a nullable object goes became null
        ["person", '{"address": 5}', `${forType("Person")}field "address": expected an object or null, found a number at byte 12`],
        ["person", '{"address": {"city": 3}}', `${forType("Person")}field "address.city": expected a string, found a number at byte 21`],
        ["person", '{"tags": ["a", 1]}', `${forType("Person")}field "tags[1]": expected a string, found a number at byte 15`],
        ["echo_derived", '{"id": "7"}', `${forType("Derived")}field "id": expected an integer, found a string at byte 7`],
        ["echo_derived", '{"full_name": 5}', `${forType("Derived")}field "full_name": expected a string, found a number at byte 14`],
        ["echo_derived", '{"scores": {"a": "b"}}', `${forType("Derived")}field "scores.a": expected a number, found a string at byte 17`],
        ["echo_derived", '{"byId": {"x": "y"}}', `${forType("Derived")}field "byId.x": expected a key that is an integer from -2147483648 to 2147483647, found "x" at byte 10`],
        ["echo_derived", '{"matrix": [[1], ["a"]]}', `${forType("Derived")}field "matrix[1][0]": expected an integer, found a string at byte 18`],
        ["echo_map", '{"a": 1.5}', `${forType("Map<string, i32>")}field "a": expected an integer from -2147483648 to 2147483647, found 1.5 at byte 6`],
        ["tree_sum", '{"children": [{"children": [{"value": "x"}]}]}', `${forType("TreeNode")}field "children[0].children[0].value": expected an integer, found a string at byte 38`],
        ["echo_nullable", "[]", `${forType("Person | null")}expected an object or null, found an array at byte 0`],
        ["echo_string", "5", `${forType("string")}expected a string, found a number at byte 0`],
        ["negate", "null", `${forType("bool")}expected a boolean, found null at byte 0`],
      ];
      for (const [fn, input, message] of cases) {
        assert.equal(await failure(fn, input), message, input);
        assert.equal(text(await plugin.call("sum_array", "[1]")), "1", "usable afterwards");
      }
    });

    it("stays usable after 1,000 failed calls (each trap gives back the shadow stack)", async () => {
      for (let i = 0; i < 1000; i++) {
        const out = await plugin.call("echo_strings", '["a", null]');
        assert.equal(out.ok, false);
      }
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_strings", '["a", "ü"]'))), ["a", "ü"]);
    });

    it("reads an integer followed by white space as that integer, for every width and every source", async () => {
      // json-as read the white space as digits: "21\n" was 334.
      const cases: [string, string, string][] = [
        ["echo_i8", " -128\t", "-128"],
        ["echo_u8", "255\n", "255"],
        ["echo_i16", "-32768 ", "-32768"],
        ["echo_u16", "\r\n65535\r\n", "65535"],
        ["echo_i32", "21\n", "21"],
        ["echo_u32", "4294967295\n", "4294967295"],
        ["echo_i64", "-9223372036854775808\n", "-9223372036854775808"],
        ["echo_u64", "18446744073709551615 \n", "18446744073709551615"],
        ["sum_array", "[1 ,\n2\n]\n", "3"],
        ["var_raw_i32", "7\n", "7"],
      ];
      for (const [fn, input, expected] of cases) assert.equal(text(await plugin.call(fn, input)), expected, JSON.stringify(input));
      assert.equal(text(await plugin.call("config_n")), "42");
    });

    it("reads strings that end in an escaped backslash inside arrays and nested objects, and the fields after them", async () => {
      // json-as looked one character back for the closing quote: "C:\\" ran on.
      const person = { name: "C:\\", age: 5, tags: ["C:\\", "x\\", "\\\"", "\\"], address: { city: "D:\\", zip: "\\9\\" } };
      const input = JSON.stringify(person);
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_person", input))), person);
      const spaced = '{ "tags" : [ "C:\\\\" , "y" ] , "address" : { "city" : "\\\\" , "zip" : "z" } , "age" : 9 , "name" : "n" }';
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_person", spaced))), JSON.parse(spaced));
    });

    it("reads arrays and maps of nullable objects holding null, and names their types as written", async () => {
      const people = [null, { name: "a", age: 1, tags: [], address: null }, null];
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_people", JSON.stringify(people)))), people);
      const map = { a: null, b: { name: "b", age: 2, tags: ["t"], address: { city: "c", zip: "z" } } };
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_people_map", JSON.stringify(map)))), map);
      assert.equal(await failure("echo_people", "[null, 1]"), "the input is not valid JSON for (Person | null)[]: element [1]: expected an object or null, found a number at byte 7");
      assert.equal(await failure("echo_people_map", '{"a": []}'), 'the input is not valid JSON for Map<string, Person | null>: field "a": expected an object or null, found an array at byte 6');
    });

    it("matches a key written with escapes to its field", async () => {
      const out = JSON.parse(text(await plugin.call("echo_person", '{"\\u006eame": "n", "a\\u0067e": 3, "\\u0074ags": ["\\/"]}')));
      assert.deepEqual([out.name, out.age, out.tags], ["n", 3, ["/"]]);
    });

    it("refuses to write NaN or an infinity, naming the field, and keeps a var readable", async () => {
      assert.equal(await failure("ratio", "[1, 0]"), 'Host.outputJSON: field "value" is Infinity, which JSON cannot represent');
      assert.equal(await failure("ratio", "[0, 0]"), 'Host.outputJSON: field "value" is NaN, which JSON cannot represent');
      assert.equal(await failure("ratio", "[-1, 0]"), 'Host.outputJSON: field "value" is -Infinity, which JSON cannot represent');
      assert.deepEqual(JSON.parse(text(await plugin.call("ratio", "[1, 4]"))), { label: "n/d", value: 0.25, parts: [1, 0.25] });
      assert.equal(text(await plugin.call("var_ratio", "[1, 2]")), '{"q":0.5}');
      assert.equal(await failure("var_ratio", "[1, 0]"), `Var.setJSON('ratio'): field "q" is Infinity, which JSON cannot represent`);
      // The var keeps the last value that JSON could represent.
      assert.equal(text(await plugin.call("read_ratio")), '{"q":0.5}');
      assert.equal(await failure("nan_at", "0"), "Host.outputJSON: element [2] is NaN, which JSON cannot represent");
      assert.equal(await failure("nan_at", "1"), 'Host.outputJSON: field "k[1].parts[1]" is -Infinity, which JSON cannot represent');
      assert.equal(await failure("nan_at", "2"), "Host.outputJSON: the value is NaN, which JSON cannot represent");
    });

    it("refuses a number outside the range of f32 or f64 instead of reading it as an infinity", async () => {
      assert.equal(await failure("echo_f32", "3.4e39"), "the input is not valid JSON for f32: expected a number within the range of f32, found 3.4e39 at byte 0");
      assert.equal(await failure("echo_f32", "-1e300"), "the input is not valid JSON for f32: expected a number within the range of f32, found -1e300 at byte 0");
      assert.equal(await failure("half", "1e309"), "the input is not valid JSON for f64: expected a number within the range of f64, found 1e309 at byte 0");
      assert.equal(text(await plugin.call("echo_f32", "3.4028234663852886e38")), "3.4028235e+38");
      assert.equal(text(await plugin.call("echo_f32", "1e-46")), "0");
    });

    it("reads json-as's own types from the exact text of their value, and checks JSON.Box", async () => {
      const input = '{"raw": [1, {"a" : "b\\\\"}] , "box": 5, "any": {"x": [1, "\\\\"]}, "after": "ok"}';
      const out = JSON.parse(text(await plugin.call("echo_wrapped", input)));
      assert.deepEqual(out, JSON.parse(input));
      assert.deepEqual(JSON.parse(text(await plugin.call("echo_wrapped", '{"box": null}'))).box, null);
      assert.equal(await failure("echo_wrapped", '{"box": "s"}'), 'the input is not valid JSON for Wrapped: field "box": expected an integer or null, found a string at byte 8');
      assert.equal(await failure("echo_wrapped", '{"box": 1.5}'), 'the input is not valid JSON for Wrapped: field "box": expected an integer from -2147483648 to 2147483647, found 1.5 at byte 8');
      // Broken JSON in a value json-as reads is named by the PDK, before json-as sees it.
      assert.equal(await failure("echo_wrapped", '{"any": [1,], "after": "x"}'), "the input is not valid JSON for Wrapped: unexpected character ']' at byte 11");
      assert.equal(await failure("echo_wrapped", '{"raw": {"a" 1}}'), "the input is not valid JSON for Wrapped: expected ':' at byte 13");
      assert.equal(await failure("echo_wrapped", '{"any": "tab\there"}'), "the input is not valid JSON for Wrapped: control character in a string at byte 12");
    });

    it("reads a recursive type nested to the syntax check's limit (512 levels) and refuses one level more", async () => {
      const chain = (levels: number) => {
        let s = '{"value":1,"children":[]}';
        for (let i = 1; i < levels; i++) s = `{"value":1,"children":[${s}]}`;
        return s;
      };
      // Two JSON levels per node: an object and its array of children.
      assert.equal(text(await plugin.call("tree_depth", chain(256))), "256");
      assert.match(await failure("tree_depth", chain(257)), /^the input is not valid JSON for TreeNode: nested deeper than 512 levels at byte \d+$/);
      assert.equal(text(await plugin.call("tree_depth", chain(256))), "256");
    });

    it("reads JSON inside a JSON read (a field's default from config) and goes on where the outer read was", async () => {
      const input = '[ {"name": "a"}, {"after": "x", "name": "b", "extra": [{"deep": [1, {"er": 2}]}]} ]';
      assert.equal(text(await plugin.call("jobs", input)), "a|1,2,3|;b|1,2,3|x");
      // A mismatch after the inner reads is named in the outer text, at its byte.
      assert.equal(await failure("jobs", '[{"name": "a"}, {"name": 5}]'), 'the input is not valid JSON for Job[]: element [1].name: expected a string, found a number at byte 25');
      // And a syntax error after them, at its byte in the outer text.
      assert.equal(await failure("jobs", '[{"name": "a"}, {"name": "b",}]'), "the input is not valid JSON for Job[]: expected a property name at byte 29");
      // The nesting limit counts the outer levels across the inner reads (each node reads config).
      const chain = (levels: number) => {
        let s = '{"children":[]}';
        for (let i = 1; i < levels; i++) s = `{"children":[${s}]}`;
        return s;
      };
      assert.equal(text(await plugin.call("branch_depth", chain(256))), "256");
      assert.match(await failure("branch_depth", chain(257)), /^the input is not valid JSON for Branch: nested deeper than 512 levels at byte \d+$/);
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

describe("the package preset in a plug-in's own project", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "extism-as-preset-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("builds when the plug-in's asconfig.json lists json-as/transform too, with the entry assembly/index.ts and functions from other files", async () => {
    mkdirSync(join(dir, "node_modules"));
    mkdirSync(join(dir, "assembly"));
    symlinkSync(ROOT, join(dir, "node_modules", "extism-as-pdk"));
    for (const name of ["assemblyscript", "json-as"]) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
    // As json-as's README says to: the preset enables the same transform.
    const asconfig = { extends: "extism-as-pdk/asconfig.json", entries: ["assembly/index.ts"], options: { outFile: "plugin.wasm", transform: ["json-as/transform"] } };
    writeFileSync(join(dir, "asconfig.json"), JSON.stringify(asconfig));
    writeFileSync(
      join(dir, "assembly", "index.ts"),
      [
        'import { Host } from "extism-as-pdk";',
        'import { twice } from "./helper";',
        "@json class Item { name: string = \"\"; count: i32 = 0; }",
        "export function total(): i32 {",
        "  const items = Host.inputJSON<Item[]>();",
        "  let n = 0;",
        "  for (let i = 0; i < items.length; i++) n += items[i].count;",
        "  Host.outputJSON(n);",
        "  return 0;",
        "}",
        "export function doubled(): i32 { Host.outputJSON(twice()); return 0; }",
        "// Declared in another file: exported through the wrapper too.",
        'export { failing } from "./impl";',
        "// Imported by helper.ts too: exported as it is, without the wrapper.",
        "export function base(): i32 { return 21; }",
      ].join("\n"),
    );
    writeFileSync(join(dir, "assembly", "helper.ts"), 'import { base } from "./index";\nexport function twice(): i32 { return base() * 2; }\n');
    writeFileSync(
      join(dir, "assembly", "impl.ts"),
      [
        'import { Host } from "extism-as-pdk";',
        '@external("extism:host/user", "refuse")',
        "declare function refuse(): void;",
        "export function failing(): i32 {",
        "  const kept = Host.inputString();",
        "  refuse();",
        '  Host.outputString(kept + "!");',
        "  return 0;",
        "}",
      ].join("\n"),
    );
    await runAsc(["--config", "asconfig.json"], dir);
    const refuse = () => {
      throw new Error("refused");
    };
    const plugin = await JS_V2.load(join(dir, "plugin.wasm"), { logLevel: "error", functions: { refuse } });
    try {
      assert.equal(text(await plugin.call("total", '[{"name": "a", "count": 2}, {"name": "ü", "count": 40}]')), "42");
      assert.equal(text(await plugin.call("doubled")), "42");
      const bad = await plugin.call("total", '[{"count": "2"}]');
      assert.equal(bad.ok, false);
      assert.equal(plugin.logs.at(-1)?.text, 'the input is not valid JSON for Item[]: element [0].count: expected an integer, found a string at byte 11');
      assert.ok((await plugin.call("base")).ok);
      // Each throw skips the epilogues of the plug-in's frames: without the
      // wrapper, about 2,700 of these calls exhaust the shadow stack.
      for (let i = 0; i < 4000; i++) assert.deepEqual(await plugin.call("failing", "x"), { ok: false, error: "refused" });
      assert.equal(text(await plugin.call("doubled")), "42");
    } finally {
      await plugin.close();
    }
  });
});
