/**
 * Seeded, reproducible fuzzing of echo bytes, echo string, echo through
 * kernel memory and a var round trip on both JS SDK versions and the strict
 * kernel: every payload goes through one plug-in
 * instance, so state left behind by one call meets the next. A failure names
 * the seed and the payload; rerun it with FUZZ_SEED=<seed>.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_HOSTS, type Host, type Outcome, wasmPath } from "../support/hosts.ts";
import { hex, Random, seedFromEnv } from "../support/random.ts";

const SEED = seedFromEnv(20261124);
/** Payloads of 0..MAX_SMALL bytes per host and function, then LARGE of 1..4 MiB. */
const SMALL = 1500;
const MAX_SMALL = 4096;
const LARGE = 3;

/**
 * What the PDK promises for a string echo: WHATWG UTF-8 decoding (each
 * maximal invalid subsequence becomes one U+FFFD; a BOM is kept as U+FEFF),
 * then UTF-8 encoding. Valid UTF-8 comes back byte for byte.
 */
function expectedString(bytes: Uint8Array): Uint8Array {
  return new TextEncoder().encode(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
}

const b = (...bytes: number[]) => Uint8Array.from(bytes);

/** Valid characters of every width, including the boundaries of each range. */
const VALID = [
  b(0x00), b(0x41), b(0x7f),
  b(0xc2, 0x80), b(0xc3, 0xa9), b(0xdf, 0xbf),
  b(0xe0, 0xa0, 0x80), b(0xe2, 0x9c, 0x93), b(0xe6, 0x97, 0xa5), b(0xed, 0x9f, 0xbf), b(0xee, 0x80, 0x80),
  b(0xef, 0xbb, 0xbf), b(0xef, 0xbf, 0xbd), b(0xef, 0xbf, 0xbf),
  b(0xf0, 0x90, 0x80, 0x80), b(0xf0, 0x9f, 0x8e, 0x89), b(0xf4, 0x8f, 0xbf, 0xbf),
];

/**
 * Invalid sequences: lone continuation bytes, overlong forms, surrogates,
 * code points past U+10FFFF, bytes never allowed, and truncated sequences.
 */
const INVALID = [
  b(0x80), b(0xbf),
  b(0xc0, 0x80), b(0xc1, 0xbf), b(0xe0, 0x80, 0x80), b(0xe0, 0x9f, 0xbf), b(0xf0, 0x80, 0x80, 0x80), b(0xf0, 0x8f, 0xbf, 0xbf),
  b(0xed, 0xa0, 0x80), b(0xed, 0xbf, 0xbf), b(0xed, 0xa0, 0xbd, 0xed, 0xb2, 0xa9),
  b(0xf4, 0x90, 0x80, 0x80), b(0xf5, 0x80, 0x80, 0x80), b(0xf8, 0x88, 0x80, 0x80, 0x80),
  b(0xfe), b(0xff),
  b(0xc2), b(0xe2, 0x82), b(0xe0, 0xa0), b(0xf0, 0x9f, 0x8e), b(0xf4, 0x8f, 0xbf),
];

type Kind = "bytes" | "text" | "edges" | "ascii";

/** Fills `n` bytes from tokens; the last token may be cut (a truncated sequence). */
function fromTokens(n: number, token: () => Uint8Array): Uint8Array {
  const out = new Uint8Array(n);
  let at = 0;
  while (at < n) {
    const t = token();
    out.set(t.subarray(0, n - at), at);
    at += t.length;
  }
  return out;
}

/** An ASCII run of 0..11 printable bytes: crosses the decoder's 4-byte fast path at every offset. */
function asciiRun(random: Random): Uint8Array {
  const run = new Uint8Array(random.below(12));
  for (let i = 0; i < run.length; i++) run[i] = 0x20 + random.below(0x5f);
  return run;
}

function payload(random: Random, kind: Kind, n: number): Uint8Array {
  switch (kind) {
    case "bytes":
      return random.bytes(n);
    case "ascii":
      return fromTokens(n, () => asciiRun(random));
    case "text":
      return fromTokens(n, () => (random.below(2) === 0 ? asciiRun(random) : random.pick(VALID)));
    case "edges": {
      // Mostly valid text with invalid sequences in it; one time in eight a leading BOM.
      const out = fromTokens(n, () => {
        const r = random.below(4);
        return r === 0 ? asciiRun(random) : r === 1 ? random.pick(INVALID) : random.pick(VALID);
      });
      if (n >= 3 && random.below(8) === 0) out.set(b(0xef, 0xbb, 0xbf));
      return out;
    }
  }
}

/** The payloads of one run: the same for every host. */
function payloads(seed: number, withLarge: boolean): Uint8Array[] {
  const random = new Random(seed);
  const kinds: Kind[] = ["bytes", "text", "edges"];
  const list: Uint8Array[] = [];
  for (let i = 0; i < SMALL; i++) list.push(payload(random, random.pick(kinds), random.length(MAX_SMALL)));
  const large: Kind[] = ["bytes", "ascii", "edges"];
  if (withLarge) for (let i = 0; i < LARGE; i++) list.push(payload(random, large[i % large.length]!, (1 << 20) + random.below(3 << 20)));
  return list;
}

/** One fuzzed behaviour: the calls made for each payload and what the last one must give. */
interface Check {
  name: string;
  seed: number;
  /** Whether the 1..4 MiB payloads go through it too. */
  large: boolean;
  calls: (input: Uint8Array) => [fn: string, input: Uint8Array][];
  /** The last call's output, or its error message. */
  expect: (input: Uint8Array, host: Host) => Uint8Array | { error: string };
}

const identity = (input: Uint8Array) => input;

const CHECKS: Check[] = [
  { name: "echo", seed: SEED, large: true, calls: (input) => [["echo", input]], expect: identity },
  { name: "echo_string", seed: (SEED ^ 0x9e3779b9) >>> 0, large: true, calls: (input) => [["echo_string", input]], expect: expectedString },
  // The input read as a kernel block and copied into a new one: the kernel-to-kernel copy paths.
  { name: "echo_memory", seed: (SEED ^ 0x85ebca6b) >>> 0, large: true, calls: (input) => [["echo_memory", input]], expect: identity },
  {
    // Stored as a var in one call, read back in the next (vars are capped at 1 MiB: no large payloads).
    name: "var round trip",
    seed: (SEED ^ 0xc2b2ae35) >>> 0,
    large: false,
    calls: (input) => [["var_set_bytes", input], ["var_get_bytes", new Uint8Array(0)]],
    // An empty value removes the var, on every host.
    expect: (input, host) => (input.length === 0 ? { error: host.errorText("var blob is not set") } : input),
  },
];

for (const host of ALL_HOSTS) {
  describe(`fuzz on ${host.name} (FUZZ_SEED=${SEED})`, () => {
    for (const check of CHECKS) {
      const large = check.large ? `, then ${LARGE} of 1..4 MiB` : "";
      it(`${check.name}: ${SMALL} payloads of 0..${MAX_SMALL / 1024} KiB${large}, zero mismatches`, async () => {
        const plugin = await host.load(wasmPath("tests/core"));
        try {
          for (const [i, input] of payloads(check.seed, check.large).entries()) {
            const where = `${check.name} on ${host.name}, payload ${i} of FUZZ_SEED=${SEED} (${input.length} bytes): ${hex(input)}`;
            let out: Outcome = { ok: false, error: "no call" };
            for (const [fn, data] of check.calls(input)) {
              try {
                out = await plugin.call(fn, data);
              } catch (e) {
                // The strict kernel throws on an ABI violation.
                assert.fail(`${where}\n${fn}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
              }
            }
            const want = check.expect(input, host);
            if (!(want instanceof Uint8Array)) {
              if (out.ok || out.error !== want.error) assert.fail(`${where}\nwant the error ${JSON.stringify(want.error)}, got ${JSON.stringify(out)}`);
              continue;
            }
            if (!out.ok) assert.fail(`${where}\nthe call failed: ${out.error}`);
            const got = out.output ?? new Uint8Array(0);
            if (!Buffer.from(got).equals(Buffer.from(want))) {
              let at = 0;
              while (at < got.length && at < want.length && got[at] === want[at]) at++;
              const from = Math.max(0, at - 16);
              const window = (bytes: Uint8Array) => hex(bytes.subarray(from, at + 48));
              assert.fail(`${where}\noutput differs from byte ${at} (${got.length} bytes, want ${want.length}); from byte ${from}:\ngot  ${window(got)}\nwant ${window(want)}`);
            }
          }
        } finally {
          await plugin.close();
        }
      });
    }
  });
}
