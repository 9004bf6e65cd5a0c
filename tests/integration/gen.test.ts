/**
 * `extism-as gen` (src/gen): projects generated from the XTP schemas in
 * tests/schemas, built with asc and the package's preset as a user's project
 * is, with a main.ts written here as a user would, and called on the real
 * hosts: values round-trip, input that is not what the schema says fails
 * with a message naming the field, host functions receive what the schema
 * says. Schemas with imports run on the JS hosts only (the strict kernel has
 * no host functions). Invalid schemas fail with a message for each problem.
 * Regenerating leaves the user's main.ts alone.
 *
 * Every expected output and message here is written by hand.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gen } from "../../src/gen/command.ts";
import { linkSelf } from "../../tools/link-self.ts";
import { ROOT, runAsc } from "../../tools/build.ts";
import { ALL_HOSTS, type CallContext, HOSTS, type HostFunction, JS_V2, type LoadedPlugin } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";

/** Where the test projects go: inside the repository, so that asc finds extism-as-pdk and its dependencies. */
const OUT = join(ROOT, "build", "gen-tests");
const SCHEMAS = join(ROOT, "tests", "schemas");

/** Generates `schema` into build/gen-tests/`name` (emptied first) and puts `main` in as the user's main.ts. */
async function generate(name: string, schema: string, main: string | null): Promise<{ dir: string; report: string }> {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  const report = await gen([schema, "--out", dir]);
  if (main !== null) writeFileSync(join(dir, "assembly", "main.ts"), main);
  return { dir, report };
}

/** Builds the project in `dir` as its package.json's build script does; returns the .wasm. */
async function build(dir: string): Promise<string> {
  await runAsc(["--config", "asconfig.json"], dir);
  return join(dir, "build", "plugin.wasm");
}

/** Runs `jobs` two at a time (the machine's cores are shared). */
async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

// ---- The users' main.ts files.

const XTP_VALID_MAIN = `
import { ComplexObject, ComplexObjectFormat, ComplexObjectKind, DateTime, Fruit, GhostGang, eatAFruit } from "./pdk";

export function voidFunc(): void {}

export function primitiveTypeFunc(input: string): bool {
  return input.length > 1;
}

/** Sets every field: some from the fruit and what the host says of it. */
export function referenceTypeFunc(input: Fruit): ComplexObject {
  const o = new ComplexObject();
  o.ghost = input == Fruit.apple ? GhostGang.inky : GhostGang.clyde;
  o.aBoolean = eatAFruit(input);
  o.aString = input.value;
  o.anInt = -7;
  o.anOptionalDate = DateTime.parse("2024-02-29T12:30:00+02:00");
  o.aMap.set("fruit", input.value);
  o.anIntRef = 42;
  const inner = new Map<string, Array<DateTime | null>>();
  inner.set("b", [DateTime.parse("1999-12-31T23:59:59.999Z"), null]);
  o.aMapOfMapsOfNullableDateArrays.set("a", inner);
  o.anUntypedObject.set<string>("n", "v");
  o.aByte = 255;
  o.aSByte = -128;
  o.aUShort = 65535;
  o.aShort = -32768;
  o.aUInt = 4294967295;
  o.aUInt64 = u64.MAX_VALUE;
  o.kind = ComplexObjectKind.simple;
  o.format = ComplexObjectFormat.xml;
  o.ComplexObject = "self";
  o.NameWith$2341 = "dollar";
  return o;
}
`;

const KEYWORDS_MAIN = `
import { Break, true_ } from "./pdk";

export function false_(): void {
  true_();
}

export function echoBreak(input: Break): Break {
  return input;
}
`;

const EVERYTHING_MAIN = `
import { JSON } from "json-as";
import { Bytes, DateTime, Everything, InlineChoiceInput, InlineChoiceOutput, Nested, Prices, Tier } from "./pdk";

export function echoEverything(input: Everything): Everything {
  return input;
}

export function echoText(input: string): string {
  return input;
}

export function echoBinary(input: Uint8Array): Uint8Array {
  return input;
}

export function jsonString(input: string): string {
  return input + "!";
}

export function nullableCount(input: JSON.Box<i32> | null): JSON.Box<i32> | null {
  return input === null ? null : new JSON.Box<i32>(input.value + 1);
}

export function countTiers(): i32 {
  return Tier.values.length;
}

export function nextTier(input: Tier): Tier {
  return Tier.values[(Tier.values.indexOf(input) + 1) % Tier.values.length];
}

export function tierJson(input: Tier): Tier {
  // A value the schema does not have (AssemblyScript lets code call the private constructor).
  // @ts-ignore: private
  if (input == Tier.default_) return new Tier("platinum");
  return input;
}

export function maybeLabel(input: Nested | null): string {
  return input === null ? "none" : input.label;
}

export function echoList(input: Nested[]): Nested[] {
  return input;
}

export function echoPrices(input: Prices): Prices {
  return input;
}

export function echoBytesJson(input: Bytes): Bytes {
  const out = Bytes.fromBytes(input);
  for (let i = 0; i < out.length; i++) out[i] = out[i] + 1;
  return out;
}

export function dayLater(input: DateTime): DateTime {
  return new DateTime(input.getTime() + 86400000);
}

export function inlineChoice(input: InlineChoiceInput): InlineChoiceOutput {
  return InlineChoiceOutput.parse(input.value)!;
}

export function default_(): string {
  return "default works";
}

export function noop(): void {}
`;

const HOST_MAIN = `
import { Bytes, DateTime, Item, Report, Tier, class_, hostBytes, hostJsonString, hostNothing, hostNumber, hostObject, hostText, hostTier } from "./pdk";

export function callHosts(): Report {
  const report = new Report();
  report.text = hostText("héllo");
  const bytes = new Uint8Array(3);
  bytes[0] = 1;
  bytes[1] = 2;
  bytes[2] = 255;
  report.bytes = Bytes.fromBytes(hostBytes(bytes));
  report.jsonString = hostJsonString('say "hi"');
  report.number = hostNumber(-9007199254740993);
  report.tier = hostTier(Tier.silver);
  report.nothing = hostNothing();
  const item = new Item();
  item.label = "lamp";
  item.tier = Tier.gold;
  item.when = DateTime.parse("2024-01-31T12:00:00Z")!;
  item.data = Bytes.fromBase64("AQI=")!;
  report.item = hostObject(item);
  class_();
  return report;
}

export function relay(input: Item): Item {
  return hostObject(input);
}
`;

// ---- The projects, generated and built once for all tests.

const wasm: Record<string, string> = {};

before(async () => {
  linkSelf();
  rmSync(OUT, { recursive: true, force: true });
  const projects: [string, string, string][] = [
    ["xtp-valid", "xtp-valid.yaml", XTP_VALID_MAIN],
    ["xtp-keywords", "xtp-keywords.yaml", KEYWORDS_MAIN],
    ["everything", "everything.yaml", EVERYTHING_MAIN],
    ["host", "host.yaml", HOST_MAIN],
  ];
  const dirs = await Promise.all(projects.map(([name, schema, main]) => generate(name, join(SCHEMAS, schema), main)));
  const built = await twoAtATime(dirs.map(({ dir }) => () => build(dir)));
  projects.forEach(([name], i) => (wasm[name] = built[i]!));
});

/** Loads `name` on `host` with host functions `functions` (each also recording what it received in `received`). */
function load(host: (typeof ALL_HOSTS)[number], name: string, functions?: Record<string, HostFunction>): Promise<LoadedPlugin> {
  return host.load(wasm[name]!, functions === undefined ? { logLevel: "error" } : { logLevel: "error", functions });
}

// ---- xtp-bindgen's valid schemas

describe("xtp-bindgen's valid schema (v1-valid-doc)", () => {
  const eaten: string[] = [];
  const functions = {
    eatAFruit(cp: CallContext, fruit: bigint): bigint {
      const name = cp.read(fruit)!.text();
      eaten.push(name);
      return cp.store(JSON.stringify(name === "apple"));
    },
  } as unknown as Record<string, HostFunction>;

  for (const host of HOSTS) {
    describe(`on ${host.name}`, () => {
      let plugin: LoadedPlugin;
      before(async () => (plugin = await load(host, "xtp-valid", functions)));
      after(async () => plugin.close());

      it("calls every export with every field set, and the host function with the fruit as text", async () => {
        assert.deepEqual(await plugin.call("voidFunc"), { ok: true, output: null, text: "" });
        assert.equal(text(await plugin.call("primitiveTypeFunc", "hi")), "true");
        assert.equal(text(await plugin.call("primitiveTypeFunc", "h")), "false");
        eaten.length = 0;
        assert.equal(
          text(await plugin.call("referenceTypeFunc", '"apple"')),
          '{"ghost":"inky","aBoolean":true,"aString":"apple","anInt":-7,"anOptionalDate":"2024-02-29T10:30:00.000Z",' +
            '"aMap":{"fruit":"apple"},"anIntRef":42,"aMapOfMapsOfNullableDateArrays":{"a":{"b":["1999-12-31T23:59:59.999Z",null]}},' +
            '"anUntypedObject":{"n":"v"},"aByte":255,"aSByte":-128,"aUShort":65535,"aShort":-32768,"aUInt":4294967295,' +
            '"aUInt64":18446744073709551615,"kind":"simple","format":"xml","ComplexObject":"self","NameWith$2341":"dollar"}',
        );
        const orange = JSON.parse(text(await plugin.call("referenceTypeFunc", '"orange"'))) as Record<string, unknown>;
        assert.deepEqual([orange.ghost, orange.aBoolean, orange.aString], ["clyde", false, "orange"]);
        assert.deepEqual(eaten, ["apple", "orange"]);
      });

      it("refuses a string that is not a Fruit, listing the fruits", async () => {
        const fruits = 'expected one of "apple", "orange", "banana", "strawberry"';
        assert.deepEqual(await plugin.call("referenceTypeFunc", '"kiwi"'), { ok: false, error: host.errorText(`the input is not valid JSON for Fruit: ${fruits}, found "kiwi"`) });
        assert.deepEqual(await plugin.call("referenceTypeFunc", "5"), { ok: false, error: host.errorText(`the input is not valid JSON for Fruit: ${fruits}, found 5`) });
        assert.deepEqual(await plugin.call("referenceTypeFunc", "null"), { ok: false, error: host.errorText(`the input is not valid JSON for Fruit: ${fruits}, found null`) });
        assert.equal(text(await plugin.call("primitiveTypeFunc", "ok")), "true", "usable afterwards");
      });
    });
  }
});

describe("xtp-bindgen's keyword schema (v1-invalid-keyword-doc, valid with warnings)", () => {
  let calls = 0;
  const functions = { true: () => void calls++ } as unknown as Record<string, HostFunction>;

  it("names the AssemblyScript side around reserved words; JSON and the host keep the schema's names", async () => {
    const { report } = await generate("xtp-keywords-report", join(SCHEMAS, "xtp-keywords.yaml"), null);
    assert.match(report, /exports\.false is false_ in AssemblyScript \(false is a reserved word there\)/);
    assert.match(report, /imports\.true is true_ in AssemblyScript \(true is a reserved word there\)/);
    assert.match(report, /the property Break\.abstract is abstract_ in AssemblyScript \(abstract is a reserved word there\)/);
  });

  for (const host of HOSTS) {
    it(`runs export false, which calls host function true, and reads and writes every field, on ${host.name}`, async () => {
      const plugin = await load(host, "xtp-keywords", functions);
      try {
        calls = 0;
        assert.ok((await plugin.call("false")).ok);
        assert.equal(calls, 1);
        const input = '{"addrspace":"a","alignas":"b","abstract":"c","as":"d","and":"e","interface":"f","type":"g"}';
        assert.equal(text(await plugin.call("echoBreak", input)), input);
      } finally {
        await plugin.close();
      }
    });
  }
});

// ---- Every feature

/** An Everything with every field set; integers at the ends of their ranges. */
const EVERYTHING_IN =
  '{"id":-9223372036854775808,"name":"Zoë \\"quoted\\"","flag":true,"anI8":-128,"aU8":255,"anI16":-32768,"aU16":65535,' +
  '"anI32":-2147483648,"aU32":4294967295,"anI64":9223372036854775807,"aU64":18446744073709551615,"anInteger":-1,' +
  '"aFloat":1.5,"aDouble":0.1,"aNumber":-2.5e300,"tier":"default","optionalTier":"silver","maybeTier":"bronze","kind":"fancy",' +
  '"when":"2024-02-29T23:59:59.123456+01:30","maybeWhen":null,"data":"AAEC/w==","raw":"aGk=",' +
  '"nested":{"label":"x","tier":"bronze","at":"2020-01-01T00:00:00Z"},"maybeNested":{"label":"y"},' +
  '"nestedList":[{"label":"a"},{"label":"b","tier":"silver"}],"nestedMap":{"k":{"label":"c","at":null}},' +
  '"maybeNote":null,"maybeCount":7,"maybeFlag":false,"tags":["t","ü"],"tierList":["gold","default"],"matrix":[[1,2],[]],' +
  '"sparse":[1.5,null],"scores":{"a":1,"b":-0.25},"dates":{"d":["1999-12-31T23:59:59Z",null]},"extra":{"any":[1,"x",{"y":null}]},' +
  '"price":12345,"maybePrice":9007199254740993,"prices":{"apple":99},"date":{"day":"mon"},"abstract":"abs","__meta":"meta"}';

/**
 * What comes back: the same values; date-times in UTC to the millisecond,
 * defaults where the input left optional fields out, numbers as
 * JSON.stringify writes them.
 */
const EVERYTHING_OUT =
  '{"id":-9223372036854775808,"name":"Zoë \\"quoted\\"","flag":true,"anI8":-128,"aU8":255,"anI16":-32768,"aU16":65535,' +
  '"anI32":-2147483648,"aU32":4294967295,"anI64":9223372036854775807,"aU64":18446744073709551615,"anInteger":-1,' +
  '"aFloat":1.5,"aDouble":0.1,"aNumber":-2.5e+300,"tier":"default","optionalTier":"silver","maybeTier":"bronze","kind":"fancy",' +
  '"when":"2024-02-29T22:29:59.123Z","maybeWhen":null,"data":"AAEC/w==","raw":"aGk=",' +
  '"nested":{"label":"x","tier":"bronze","at":"2020-01-01T00:00:00.000Z"},"maybeNested":{"label":"y","tier":"gold","at":null},' +
  '"nestedList":[{"label":"a","tier":"gold","at":null},{"label":"b","tier":"silver","at":null}],"nestedMap":{"k":{"label":"c","tier":"gold","at":null}},' +
  '"maybeNote":null,"maybeCount":7,"maybeFlag":false,"tags":["t","ü"],"tierList":["gold","default"],"matrix":[[1,2],[]],' +
  '"sparse":[1.5,null],"scores":{"a":1,"b":-0.25},"dates":{"d":["1999-12-31T23:59:59.000Z",null]},"extra":{"any":[1,"x",{"y":null}]},' +
  '"price":12345,"maybePrice":9007199254740993,"prices":{"apple":99},"date":{"day":"mon"},"abstract":"abs","__meta":"meta"}';

/** The required fields only. */
const MINIMAL = { id: 1, name: "n", tier: "gold", when: "2024-01-01T00:00:00Z", nested: { label: "l" }, maybeNote: "note" };

const MINIMAL_OUT =
  '{"id":1,"name":"n","flag":false,"anI8":0,"aU8":0,"anI16":0,"aU16":0,"anI32":0,"aU32":0,"anI64":0,"aU64":0,"anInteger":0,' +
  '"aFloat":0,"aDouble":0,"aNumber":0,"tier":"gold","optionalTier":"gold","maybeTier":null,"kind":"plain",' +
  '"when":"2024-01-01T00:00:00.000Z","maybeWhen":null,"data":"","raw":"","nested":{"label":"l","tier":"gold","at":null},' +
  '"maybeNested":null,"nestedList":[],"nestedMap":{},"maybeNote":"note","maybeCount":null,"maybeFlag":null,"tags":[],"tierList":[],' +
  '"matrix":[],"sparse":[],"scores":{},"dates":{},"extra":{},"price":0,"maybePrice":null,"prices":{},"date":{"day":""},"abstract":"","__meta":""}';

const TIERS = 'expected one of "gold", "silver", "bronze", "default"';
const DATE = 'expected a date-time (RFC 3339, such as "2024-01-31T12:00:00Z")';

/** MINIMAL with `changes`, as JSON text. */
function minimal(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...MINIMAL, ...changes });
}

for (const host of ALL_HOSTS) {
  describe(`every feature (everything.yaml) on ${host.name}`, () => {
    let plugin: LoadedPlugin;
    before(async () => (plugin = await load(host, "everything")));
    after(async () => plugin.close());

    it("round-trips an object with a field of each kind, 64-bit integers exactly", async () => {
      assert.equal(text(await plugin.call("echoEverything", EVERYTHING_IN)), EVERYTHING_OUT);
    });

    it("gives optional fields their defaults", async () => {
      assert.equal(text(await plugin.call("echoEverything", JSON.stringify(MINIMAL))), MINIMAL_OUT);
    });

    it("fails the call naming the field when a required one is missing, an enum or date-time or base64 is wrong", async () => {
      const everything = "the input is not valid JSON for Everything: ";
      const cases: [string, string][] = [
        ['{"name":"n"}', 'field "id": required, but missing'],
        [JSON.stringify({ ...MINIMAL, maybeNote: undefined }), 'field "maybeNote": required, but missing'],
        [minimal({ nested: {} }), 'field "nested.label": required, but missing'],
        [minimal({ nestedList: [{ label: "a" }, { tier: "gold" }] }), 'field "nestedList[1].label": required, but missing'],
        [minimal({ tier: "platinum" }), `field "tier": ${TIERS}, found "platinum"`],
        [minimal({ tierList: ["gold", 5] }), `field "tierList[1]": ${TIERS}, found 5`],
        [minimal({ nestedMap: { k: { label: "a", tier: "x" } } }), `field "nestedMap.k.tier": ${TIERS}, found "x"`],
        [minimal({ kind: "plain2" }), 'field "kind": expected one of "plain", "fancy", found "plain2"'],
        [minimal({ when: "2024-02-30T00:00:00Z" }), `field "when": ${DATE}, found "2024-02-30T00:00:00Z"`],
        [minimal({ when: "2024-01-01 00:00:00" }), `field "when": ${DATE}, found "2024-01-01 00:00:00"`],
        [minimal({ dates: { d: ["nope"] } }), `field "dates.d[0]": ${DATE}, found "nope"`],
        [minimal({ data: "abc" }), 'field "data": expected base64 (RFC 4648, with padding), found "abc"'],
        [minimal({ raw: "aGk" }), 'field "raw": expected base64 (RFC 4648, with padding), found "aGk"'],
      ];
      for (const [input, message] of cases) {
        assert.deepEqual(await plugin.call("echoEverything", input), { ok: false, error: host.errorText(everything + message) }, input);
      }
      // What the PDK's reader checks itself: the types, with the byte.
      const i8 = minimal({ anI8: 200 });
      assert.deepEqual(await plugin.call("echoEverything", i8), {
        ok: false,
        error: host.errorText(`${everything}field "anI8": expected an integer from -128 to 127, found 200 at byte ${i8.indexOf("200")}`),
      });
      const nullName = minimal({ name: null });
      assert.deepEqual(await plugin.call("echoEverything", nullName), {
        ok: false,
        error: host.errorText(`${everything}field "name": expected a string, found null at byte ${nullName.indexOf("null")}`),
      });
      assert.equal(text(await plugin.call("echoEverything", JSON.stringify(MINIMAL))), MINIMAL_OUT, "usable afterwards");
    });

    it("passes text, bytes, JSON strings and numbers, enums as text and JSON, dates, base64, lists and maps", async () => {
      assert.equal(text(await plugin.call("echoText", "héllo ✓")), "héllo ✓");
      const bytes = await plugin.call("echoBinary", Uint8Array.from([0, 1, 255]));
      assert.ok(bytes.ok && bytes.output !== null);
      assert.deepEqual([...bytes.output], [0, 1, 255]);
      assert.equal(text(await plugin.call("jsonString", '"hi"')), '"hi!"');
      assert.equal(text(await plugin.call("nullableCount", "5")), "6");
      assert.equal(text(await plugin.call("nullableCount", "null")), "null");
      assert.equal(text(await plugin.call("countTiers")), "4");
      assert.equal(text(await plugin.call("nextTier", "gold")), "silver");
      assert.equal(text(await plugin.call("nextTier", "default")), "gold");
      assert.equal(text(await plugin.call("tierJson", '"bronze"')), '"bronze"');
      assert.equal(text(await plugin.call("maybeLabel", "null")), "none");
      assert.equal(text(await plugin.call("maybeLabel", '{"label":"z"}')), "z");
      assert.equal(text(await plugin.call("echoList", '[{"label":"a"}]')), '[{"label":"a","tier":"gold","at":null}]');
      assert.equal(text(await plugin.call("echoPrices", '{"a":1,"b":9007199254740993}')), '{"a":1,"b":9007199254740993}');
      assert.equal(text(await plugin.call("echoBytesJson", '"AAEC"')), '"AQID"');
      assert.equal(text(await plugin.call("dayLater", '"2024-02-28T12:00:00Z"')), '"2024-02-29T12:00:00.000Z"');
      assert.equal(text(await plugin.call("inlineChoice", '"left"')), "left");
      assert.equal(text(await plugin.call("default")), "default works");
      const noop = await plugin.call("noop");
      assert.ok(noop.ok && noop.text === "", "no input, no output");
    });

    it("refuses what the schema does not allow at the top level, too", async () => {
      const cases: [string, string, string][] = [
        ["jsonString", "null", "the input is not valid JSON for string: expected a string, found null"],
        ["jsonString", "5", "the input is not valid JSON for string | null: expected a string or null, found a number at byte 0"],
        ["nextTier", "x", `the input is not valid for Tier: ${TIERS}, found "x"`],
        ["tierJson", '"x"', `the input is not valid JSON for Tier: ${TIERS}, found "x"`],
        ["maybeLabel", "{}", 'the input is not valid JSON for Nested | null: field "label": required, but missing'],
        ["echoList", '[{"label":"a"},{"tier":"gold"}]', "the input is not valid JSON for Nested[]: element [1].label: required, but missing"],
        ["echoBytesJson", '"A"', 'the input is not valid JSON for Bytes: expected base64 (RFC 4648, with padding), found "A"'],
        ["dayLater", '"24:00"', `the input is not valid JSON for DateTime: ${DATE}, found "24:00"`],
        ["inlineChoice", '"up"', 'the input is not valid JSON for InlineChoiceInput: expected one of "left", "right", found "up"'],
        // The result is checked too: a day after 9999-12-31 is a year RFC 3339 cannot write; no tier is platinum.
        ["tierJson", '"default"', `the result is not valid for Tier: ${TIERS}, found "platinum"`],
        ["dayLater", '"9999-12-31T12:00:00Z"', "the result is not valid for DateTime: the date-time +010000-01-01T12:00:00.000Z is outside the years 0000 to 9999 that RFC 3339 can write"],
      ];
      for (const [fn, input, message] of cases) {
        assert.deepEqual(await plugin.call(fn, input), { ok: false, error: host.errorText(message) }, `${fn} ${input}`);
      }
    });
  });
}

describe("host functions (host.yaml)", () => {
  const received: string[] = [];
  let classCalls = 0;
  const functions = {
    hostText(cp: CallContext, h: bigint): bigint {
      const s = cp.read(h)!.text();
      received.push(`hostText ${s}`);
      return cp.store(s.toUpperCase());
    },
    hostBytes(cp: CallContext, h: bigint): bigint {
      const bytes = cp.read(h)!.bytes();
      received.push(`hostBytes ${[...bytes].join(",")}`);
      return cp.store(bytes.slice().reverse());
    },
    hostJsonString(cp: CallContext, h: bigint): bigint {
      const json = cp.read(h)!.text();
      received.push(`hostJsonString ${json}`);
      return cp.store(JSON.stringify(`${JSON.parse(json) as string}?`));
    },
    hostNumber(cp: CallContext, h: bigint): bigint {
      received.push(`hostNumber ${cp.read(h)!.text()}`);
      return cp.store("0.5");
    },
    hostTier(cp: CallContext, h: bigint): bigint {
      received.push(`hostTier ${cp.read(h)!.text()}`);
      return cp.store("bronze");
    },
    hostNothing(): bigint {
      received.push("hostNothing");
      return 0n;
    },
    hostObject(cp: CallContext, h: bigint): bigint {
      const json = cp.read(h)!.text();
      received.push(`hostObject ${json}`);
      const item = JSON.parse(json) as { label: string; tier: string };
      if (item.label === "missing") return cp.store('{"tier":"gold"}');
      if (item.label === "badtier") return cp.store('{"label":"x","tier":"platinum"}');
      return cp.store(JSON.stringify({ ...item, label: item.label.toUpperCase() }));
    },
    class(): void {
      classCalls++;
    },
  } as unknown as Record<string, HostFunction>;

  for (const host of HOSTS) {
    describe(`on ${host.name}`, () => {
      let plugin: LoadedPlugin;
      before(async () => (plugin = await load(host, "host", functions)));
      after(async () => plugin.close());

      it("passes each kind of input as the schema says, and reads each kind of output", async () => {
        received.length = 0;
        classCalls = 0;
        assert.equal(
          text(await plugin.call("callHosts")),
          '{"text":"HÉLLO","bytes":"/wIB","jsonString":"say \\"hi\\"?","number":0.5,"tier":"bronze","nothing":null,' +
            '"item":{"label":"LAMP","tier":"gold","when":"2024-01-31T12:00:00.000Z","data":"AQI="}}',
        );
        assert.deepEqual(received, [
          "hostText héllo",
          "hostBytes 1,2,255",
          'hostJsonString "say \\"hi\\""',
          "hostNumber -9007199254740993",
          "hostTier silver",
          "hostNothing",
          'hostObject {"label":"lamp","tier":"gold","when":"2024-01-31T12:00:00.000Z","data":"AQI="}',
        ]);
        assert.equal(classCalls, 1);
      });

      it("checks a host function's result against the schema, failing the call with the reason", async () => {
        assert.equal(text(await plugin.call("relay", '{"label":"ok","tier":"silver"}')), '{"label":"OK","tier":"silver","when":"1970-01-01T00:00:00.000Z","data":""}');
        for (const [label, problem] of [
          ["missing", 'field "label": required, but missing'],
          ["badtier", 'field "tier": expected one of "gold", "silver", "bronze", found "platinum"'],
        ]) {
          const outcome = await plugin.call("relay", `{"label":"${label}","tier":"gold"}`);
          assert.equal(outcome.ok, false);
          const logged = plugin.logs.at(-1)?.text ?? "";
          assert.ok(logged.startsWith(`the result of host function 'hostObject' is not valid JSON for Item: ${problem}`), logged);
        }
        assert.deepEqual(await plugin.call("relay", '{"label":"a","tier":"x"}'), {
          ok: false,
          error: host.errorText('the input is not valid JSON for Item: field "tier": expected one of "gold", "silver", "bronze", found "x"'),
        });
      });
    });
  }
});

// ---- Invalid schemas

describe("invalid schemas fail with every problem, each where it is", () => {
  const invalid = join(SCHEMAS, "invalid");
  const expected: Record<string, string[]> = {
    "xtp-types.yaml": [
      'exports.invalidFunc1.input.format: "date-time" is not a format of type buffer, which has none',
      'exports.invalidFunc1.output.format: "float" is not a format of type string; expected date-time or byte',
      'components.schemas.ComplexObject.properties.aBoolean.format: "date-time" is not a format of type boolean, which has none',
      'components.schemas.ComplexObject.properties.aString.format: "int32" is not a format of type string; expected date-time or byte',
      'components.schemas.ComplexObject.properties.anInt.format: "date-time" is not a format of type integer; expected int8, uint8, int16, uint16, int32, uint32, int64 or uint64',
      'components.schemas.ComplexObject.properties.aNonType.type: unknown type "non"; expected string, number, integer, boolean, object, array or buffer',
    ],
    "xtp-refs.yaml": [
      "exports.invalidFunc.input.$ref: no schema named NonExistentExportInputRef (the schemas: ComplexObject)",
      'exports.invalidFunc.output.$ref: "some invalid ref" is not a reference to a schema; expected "#/components/schemas/NAME"',
      "imports.invalidImport.output.$ref: no schema named NonExistentImportOutputRef (the schemas: ComplexObject)",
      'components.schemas.ComplexObject.required[0]: "ghost" is required but is not one of the properties (invalidPropRef)',
      "components.schemas.ComplexObject.properties.invalidPropRef.$ref: no schema named NonExistentPropertyRef (the schemas: ComplexObject)",
    ],
    "xtp-cycle.yaml": [
      "components.schemas.AnotherType.properties.complexObject.$ref: circular reference: ComplexObject -> AnotherType -> ComplexObject (an object cannot contain itself, not even through other schemas)",
    ],
    "xtp-identifiers.yaml": [
      'exports["invalid@Func"]: "invalid@Func" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
      'exports["invalid invalid"]: "invalid invalid" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
      'exports["referenc/eTypeFunc"]: "referenc/eTypeFunc" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
      'imports["eatA:Fruit"]: "eatA:Fruit" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
      'components.schemas["Ghost)Gang"]: "Ghost)Gang" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
      'components.schemas["Ghost)Gang"].enum[1]: "spooky ghost" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
      'components.schemas.ComplexObject.properties["gh ost"]: "gh ost" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
      'components.schemas.ComplexObject.properties["aBoo{lean"]: "aBoo{lean" is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/',
    ],
    "xtp-additional-properties.yaml": [
      "components.schemas.NonObjectType.properties.myMap.additionalProperties: additionalProperties needs type object, not string",
      "components.schemas.MixedObject: an object cannot have both properties and additionalProperties",
    ],
    "xtp-unknown-keywords.yaml": [
      "idontbelonghere: unknown keyword; expected version, exports, imports or components",
      "components.idontbelonghere: unknown keyword; expected schemas",
      "components.schemas.InvalidObject: expected a mapping (a schema), found true",
      "components.schemas.MyObject.properties.hello.contentType: unknown keyword; expected type, format, items, additionalProperties, enum, $ref, nullable or description",
    ],
    "xtp-parseable.yaml": [
      "exports.invalidFunc.input.$ref: no schema named NonExistentExportInputRef (the schemas: ComplexObject, AnotherType)",
      'exports.invalidFunc.output.$ref: "some invalid ref" is not a reference to a schema; expected "#/components/schemas/NAME"',
      "imports.invalidImport.input.contentType: missing; expected application/json, text/plain; charset=utf-8 or application/x-binary",
      "imports.invalidImport.output.$ref: no schema named NonExistentImportOutputRef (the schemas: ComplexObject, AnotherType)",
      'components.schemas.ComplexObject.required[0]: "ghost" is required but is not one of the properties (invalidPropRef, cycle)',
      'components.schemas.ComplexObject.required[1]: "aBoolean" is required but is not one of the properties (invalidPropRef, cycle)',
      "components.schemas.ComplexObject.properties.invalidPropRef.$ref: no schema named NonExistentPropertyRef (the schemas: ComplexObject, AnotherType)",
      "components.schemas.AnotherType.properties.complexObject.$ref: circular reference: ComplexObject -> AnotherType -> ComplexObject (an object cannot contain itself, not even through other schemas)",
    ],
    "content-types.yaml": [
      "exports.priceOrder.input.$ref: no schema named Ordr (the schemas: Order)",
      "exports.textNumber.input.contentType: text/plain; charset=utf-8 carries a string or an enum, not a number (i64); use application/json",
      "exports.binaryString.output.contentType: application/x-binary carries a buffer, not a string; use application/json",
      "exports.nullableText.input.nullable: text/plain; charset=utf-8 has no null; use application/json for a nullable input",
      "exports.noContentType.input.contentType: missing; expected application/json, text/plain; charset=utf-8 or application/x-binary",
      'exports.strangeContentType.input.contentType: "text/html" is not a content type of XTP; expected application/json, text/plain; charset=utf-8 or application/x-binary',
      "exports.memory: a plug-in cannot export memory: the WebAssembly module exports that name itself",
      "exports.arrayWithoutItems.input: type array needs items (the type of its elements)",
      "exports.inlineObject.input.properties: objects with properties are defined under components.schemas and used with a $ref",
    ],
    "version.yaml": ['version: "v0" is not supported: extism-as gen reads v1-draft schemas', "exports: expected a mapping of names to functions, found a list"],
    "duplicate-key.yaml": ["not valid YAML: Map keys must be unique at line 4, column 3"],
  };

  it("covers every fixture", () => {
    assert.deepEqual(readdirSync(invalid).filter((f) => f.endsWith(".yaml")).sort(), Object.keys(expected).sort());
  });

  for (const [file, problems] of Object.entries(expected)) {
    it(file, async () => {
      const path = join(invalid, file);
      const out = join(OUT, `invalid-${file}`);
      rmSync(out, { recursive: true, force: true });
      await assert.rejects(gen([path, "--out", out]), (e: Error) => {
        assert.equal(e.message, `${path} is not a valid XTP schema:\n  ${problems.join("\n  ")}`);
        return true;
      });
      assert.equal(existsSync(out), false, "nothing written");
    });
  }
});

// ---- Regenerating

describe("regenerating", () => {
  const V1 = `version: v1-draft
exports:
  greet:
    description: Says hello.
    input: { $ref: "#/components/schemas/Person", contentType: application/json }
    output: { type: string, contentType: text/plain; charset=utf-8 }
components:
  schemas:
    Person:
      required: [name]
      properties:
        name: { type: string }
`;
  // An export, a property and a schema more.
  const V2 = `version: v1-draft
exports:
  greet:
    description: Says hello.
    input: { $ref: "#/components/schemas/Person", contentType: application/json }
    output: { type: string, contentType: text/plain; charset=utf-8 }
  farewell:
    description: Says goodbye.
    input: { $ref: "#/components/schemas/Person", contentType: application/json }
    output: { $ref: "#/components/schemas/Parting", contentType: application/json }
components:
  schemas:
    Person:
      required: [name]
      properties:
        name: { type: string }
        title: { type: string, nullable: true }
    Parting:
      properties:
        words: { type: string }
`;
  const USER_MAIN = `import { Person } from "./pdk";

// The user's own code.
export function greet(input: Person): string {
  return "Hello, " + input.name + "!";
}
`;

  it("twice from the same schema changes nothing", async () => {
    const { dir } = await generate("regen-same", join(SCHEMAS, "everything.yaml"), null);
    const files = ["assembly/pdk.ts", "assembly/index.ts", "assembly/main.ts", "package.json", "asconfig.json", ".gitignore", "README.md"];
    const before = files.map((f) => [readFileSync(join(dir, f), "utf8"), statSync(join(dir, f)).mtimeMs] as const);
    const report = await gen([join(SCHEMAS, "everything.yaml"), "--out", dir]);
    assert.match(report, /unchanged: assembly\/pdk\.ts, assembly\/index\.ts/);
    assert.doesNotMatch(report, /wrote|new project/);
    assert.match(report, /assembly\/main\.ts is yours and was left as it is; it has every function the schema exports\./);
    files.forEach((f, i) => {
      assert.equal(readFileSync(join(dir, f), "utf8"), before[i]![0], f);
      assert.equal(statSync(join(dir, f)).mtimeMs, before[i]![1], `${f} not even touched`);
    });
  });

  it("after a schema change keeps the user's main.ts, names the stub it lacks, and builds once it is added", async () => {
    const dir = join(OUT, "regen-change");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const schema = join(dir, "schema.yaml");
    writeFileSync(schema, V1);
    const first = await gen([schema, "--out", dir]);
    assert.match(first, /wrote assembly\/pdk\.ts, assembly\/index\.ts, assembly\/main\.ts/);
    assert.match(readFileSync(join(dir, "assembly", "pdk.ts"), "utf8"), /^\/\/ Generated by `extism-as gen` from schema\.yaml\. Do not edit/);
    writeFileSync(join(dir, "assembly", "main.ts"), USER_MAIN);

    writeFileSync(schema, V2);
    const second = await gen([schema, "--out", dir]);
    assert.equal(readFileSync(join(dir, "assembly", "main.ts"), "utf8"), USER_MAIN, "the user's file is as they left it");
    assert.match(second, /wrote assembly\/pdk\.ts, assembly\/index\.ts\n/);
    assert.ok(
      second.includes(
        'assembly/main.ts is yours and was left as it is, but it lacks a function that assembly/index.ts calls: add it (and import any new types from "./pdk"):\n\n' +
          "/**\n * Says goodbye.\n * @param input (JSON)\n * @returns (JSON)\n */\n" +
          "export function farewell(input: Person): Parting {\n" +
          '  Host.setError("farewell is not implemented yet");\n' +
          "  return new Parting();\n}\n",
      ),
      second,
    );
    // The user adds it, as the report says.
    writeFileSync(
      join(dir, "assembly", "main.ts"),
      USER_MAIN.replace('import { Person } from "./pdk";', 'import { Parting, Person } from "./pdk";') +
        '\nexport function farewell(input: Person): Parting {\n  const p = new Parting();\n  p.words = "Goodbye, " + (input.title === null ? "" : input.title! + " ") + input.name + ".";\n  return p;\n}\n',
    );
    const third = await gen([schema, "--out", dir]);
    assert.match(third, /unchanged: assembly\/pdk\.ts, assembly\/index\.ts/);
    assert.match(third, /it has every function the schema exports/);
    const plugin = await JS_V2.load(await build(dir));
    try {
      assert.equal(text(await plugin.call("greet", '{"name":"Ann"}')), "Hello, Ann!");
      assert.equal(text(await plugin.call("farewell", '{"name":"Ann","title":"Dr"}')), '{"words":"Goodbye, Dr Ann."}');
      assert.deepEqual(await plugin.call("farewell", '{"title":"Dr"}'), {
        ok: false,
        error: 'Plugin-originated error: the input is not valid JSON for Person: field "name": required, but missing',
      });
    } finally {
      await plugin.close();
    }
    // An export the schema dropped is pointed out.
    writeFileSync(schema, V1);
    assert.match(await gen([schema, "--out", dir]), /assembly\/main\.ts also exports farewell, which the schema does not export: the plug-in does not export it\./);
  });

  it("refuses to write over a file it did not generate", async () => {
    const dir = join(OUT, "regen-foreign");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "assembly"), { recursive: true });
    writeFileSync(join(dir, "assembly", "index.ts"), "// mine\n");
    await assert.rejects(gen([join(SCHEMAS, "xtp-valid.yaml"), "--out", dir]), /assembly\/index\.ts exists and was not written by extism-as gen/);
    assert.equal(readFileSync(join(dir, "assembly", "index.ts"), "utf8"), "// mine\n");
  });
});

// ---- The command

describe("extism-as gen, the command", () => {
  /** Runs src/cli/main.ts as the command (dist/ may be older than the source while testing). */
  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((ok) => {
      const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "main.ts"), ...args], { cwd: ROOT });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => ok({ code, stdout, stderr }));
    });
  }

  it("exits 2 with the usage for bad arguments, 1 naming the problems of a bad schema, 0 with its report", async () => {
    const usage = await run(["gen"]);
    assert.deepEqual([usage.code, usage.stderr], [2, "extism-as: usage: extism-as gen SCHEMA.yaml [--out DIR] [--pdk NPM_SPEC]\n"]);
    const option = await run(["gen", "tests/schemas/xtp-valid.yaml", "--bogus"]);
    assert.deepEqual([option.code, option.stderr], [2, "extism-as: unknown option --bogus\n"]);
    const bad = await run(["gen", "tests/schemas/invalid/xtp-cycle.yaml", "--out", "build/gen-tests/cli-bad"]);
    assert.equal(bad.code, 1);
    assert.equal(
      bad.stderr,
      "extism-as: tests/schemas/invalid/xtp-cycle.yaml is not a valid XTP schema:\n" +
        "  components.schemas.AnotherType.properties.complexObject.$ref: circular reference: ComplexObject -> AnotherType -> ComplexObject (an object cannot contain itself, not even through other schemas)\n",
    );
    const missing = await run(["gen", "nope.yaml"]);
    assert.deepEqual([missing.code, missing.stderr], [1, "extism-as: cannot read nope.yaml: no such file\n"]);
    rmSync(join(OUT, "cli-good"), { recursive: true, force: true });
    const good = await run(["gen", "tests/schemas/xtp-valid.yaml", "--out", "build/gen-tests/cli-good"]);
    assert.equal(good.code, 0, good.stderr);
    assert.equal(
      good.stdout,
      "extism-as gen: ../../../tests/schemas/xtp-valid.yaml -> build/gen-tests/cli-good/\n" +
        "  wrote assembly/pdk.ts, assembly/index.ts, assembly/main.ts\n" +
        "  new project: package.json, asconfig.json, .gitignore, README.md\n" +
        'assembly/main.ts is yours: write the 3 functions there (each fails with "not implemented" until then).\n' +
        "Next: cd build/gen-tests/cli-good && npm install && npm run build\n",
    );
    const help = await run(["help"]);
    assert.match(help.stdout, /usage: extism-as gen SCHEMA\.yaml \[--out DIR\] \[--pdk NPM_SPEC\]\n {2}Writes AssemblyScript bindings/);
  });
});
