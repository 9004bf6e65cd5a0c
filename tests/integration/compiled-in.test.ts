/**
 * A plug-in carries only the code of what it uses (transform/compile-on-use.js):
 * examples built as a user builds them, with asc's text of the module
 * (`--textFile`), whose function names say where each function comes from
 * (`~lib/json-as/...`, `~lib/extism-as-pdk/assembly/http/...`). Sizes are not
 * checked here (they are measured by `npm run bench`): only which code is in.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runAsc } from "../../tools/build.ts";

/** JSON code: json-as and xjb-as (its float writer), the PDK's JSON files. */
const JSON_CODE = /^~lib\/(json-as|xjb-as)\/|^~lib\/extism-as-pdk\/assembly\/(json|decimal)/;
const JSON_AS = /^~lib\/(json-as|xjb-as)\//;
const HTTP_CODE = /^~lib\/extism-as-pdk\/assembly\/http/;

describe("what a plug-in uses is all it carries", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "extism-as-compiled-in-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The names of the functions of `examples/NAME` built with its asconfig (and `config`, another preset file, if given). */
  async function functionsOf(name: string, config = "asconfig.json"): Promise<string[]> {
    const wast = join(dir, `${name}.wast`);
    await runAsc(["--config", config, "--outFile", join(dir, `${name}.wasm`), "--textFile", wast], join(ROOT, "examples", name));
    return [...readFileSync(wast, "utf8").matchAll(/^ \(func \$("(?:[^"\\]|\\.)*"|[^\s()]+)/gm)].map((m) => m[1]!);
  }

  it("count-vowels (bytes in, a string out): no JSON code and no HTTP code", async () => {
    const names = await functionsOf("count-vowels");
    assert.ok(names.some((n) => n.startsWith("~lib/extism-as-pdk/")), "the PDK is in");
    assert.deepEqual(names.filter((n) => JSON_CODE.test(n)), []);
    assert.deepEqual(names.filter((n) => HTTP_CODE.test(n)), []);
  });

  it("kitchen-sink (HTTP, config, vars, logs): no JSON code", async () => {
    const names = await functionsOf("kitchen-sink");
    assert.ok(names.some((n) => HTTP_CODE.test(n)), "the HTTP code is in");
    assert.deepEqual(names.filter((n) => JSON_CODE.test(n)), []);
  });

  it("greet (a @json class in and out): the PDK's JSON reader and writer, and no json-as", async () => {
    const names = await functionsOf("greet");
    assert.ok(names.some((n) => n.startsWith("~lib/extism-as-pdk/assembly/json-read/")), "the reader is in");
    assert.ok(names.some((n) => n.startsWith("~lib/extism-as-pdk/assembly/json-write/")), "the writer is in");
    assert.deepEqual(names.filter((n) => JSON_AS.test(n)), []);
    assert.deepEqual(names.filter((n) => HTTP_CODE.test(n)), []);
  });
});
