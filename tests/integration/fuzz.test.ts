/**
 * Seeded, reproducible fuzzing of echo bytes and echo string on both JS SDK
 * versions and the strict kernel. Rerun a failure with FUZZ_SEED=<seed>.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_HOSTS, wasmPath } from "../support/hosts.ts";
import { hex, Random, seedFromEnv } from "../support/random.ts";

const SEED = seedFromEnv(20261124);
const PAYLOADS = 1500;

/** What the PDK promises for a string echo: WHATWG decoding (U+FFFD), then UTF-8. */
function expectedString(bytes: Uint8Array): Uint8Array {
  return new TextEncoder().encode(new TextDecoder().decode(bytes));
}

/** Random bytes, or (one time in three) valid UTF-8 text with multi-byte characters. */
function payload(random: Random, max: number): Uint8Array {
  const n = random.length(max);
  if (random.below(3) > 0) return random.bytes(n);
  const alphabet = ["a", "Z", " ", "é", "ß", "✓", "日", "🎉", "\u0000", "\uFFFD"];
  let text = "";
  while (new TextEncoder().encode(text).length < n) text += alphabet[random.below(alphabet.length)];
  return new TextEncoder().encode(text);
}

for (const host of ALL_HOSTS) {
  describe(`fuzz on ${host.name} (seed ${SEED})`, () => {
    for (const [fn, expect] of [
      ["echo", (b: Uint8Array) => b],
      ["echo_string", expectedString],
    ] as const) {
      it(`${fn}: ${PAYLOADS} payloads of 0..4 KiB, then 3 of 1..4 MiB, zero mismatches`, async () => {
        const random = new Random(SEED ^ (fn === "echo" ? 0 : 0x9e3779b9));
        const plugin = await host.load(wasmPath("tests/core"));
        try {
          const payloads: Uint8Array[] = [];
          for (let i = 0; i < PAYLOADS; i++) payloads.push(payload(random, 4096));
          for (let i = 0; i < 3; i++) payloads.push(random.bytes((1 << 20) + random.below(3 << 20)));
          for (const [i, input] of payloads.entries()) {
            const out = await plugin.call(fn, input);
            const want = expect(input);
            const got = out.ok ? (out.output ?? new Uint8Array(0)) : null;
            if (got === null || !Buffer.from(got).equals(Buffer.from(want))) {
              assert.fail(
                `${fn} mismatch on payload ${i} (FUZZ_SEED=${SEED}): input ${hex(input)}; ` +
                  (got === null ? `error ${out.ok ? "" : out.error}` : `got ${hex(got)}, want ${hex(want)}`),
              );
            }
          }
        } finally {
          await plugin.close();
        }
      });
    }
  });
}
