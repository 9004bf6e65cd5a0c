/**
 * The plug-in side of a call alone: each plug-in run in this process against
 * `BareKernel`, a kernel that does the least work an Extism kernel can (one
 * linear buffer, bump allocation, no checks), instead of a real host.
 *
 * Floor, official and this PDK make the same host calls in most workloads
 * (host-calls.ts counts them), so on a real host their difference is what the
 * plug-in does between host calls. That difference is a few per cent of a
 * call on the JS host, the size of a shared machine's noise there; here it is
 * most of the time, and measured precisely.
 */
import { readFileSync } from "node:fs";
import { median } from "./measure.ts";

const HEADER = 8;

/** A minimal Extism kernel (`extism:host/env`), reset at the start of every call. */
export class BareKernel {
  private memory = new Uint8Array(1 << 20);
  private view = new DataView(this.memory.buffer);
  private top = HEADER;
  private input: Uint8Array = new Uint8Array(0);
  private inputView: DataView = new DataView(this.input.buffer);
  private vars = new Map<string, Uint8Array>();
  private outputHandle = -1;
  private outputLength = 0;
  error: string | null = null;

  constructor(private readonly logLevel: number) {}

  begin(input: Uint8Array): void {
    this.top = HEADER;
    this.input = input;
    this.inputView = new DataView(input.buffer, input.byteOffset, input.byteLength);
    this.outputHandle = -1;
    this.error = null;
  }

  /** The output set in this call (empty when none). */
  get output(): Uint8Array {
    return this.outputHandle < 0 ? new Uint8Array(0) : this.memory.slice(this.outputHandle, this.outputHandle + this.outputLength);
  }

  private alloc(n: number): bigint {
    const h = this.top + HEADER;
    const end = h + n;
    if (end > this.memory.length) {
      const grown = new Uint8Array(Math.max(end, this.memory.length * 2));
      grown.set(this.memory);
      this.memory = grown;
      this.view = new DataView(grown.buffer);
    }
    this.view.setUint32(h - HEADER, n, true);
    this.top = (end + 7) & ~7;
    return BigInt(h);
  }

  private length(h: bigint): number {
    return h === 0n ? 0 : this.view.getUint32(Number(h) - HEADER, true);
  }

  private bytes(h: bigint): Uint8Array {
    const at = Number(h);
    return this.memory.subarray(at, at + this.length(h));
  }

  private store(bytes: Uint8Array): bigint {
    const h = this.alloc(bytes.length);
    this.memory.set(bytes, Number(h));
    return h;
  }

  private text(h: bigint): string {
    return new TextDecoder().decode(this.bytes(h));
  }

  imports(): Record<string, (...args: never[]) => unknown> {
    return {
      input_length: () => BigInt(this.input.length),
      input_offset: () => 0n,
      input_load_u8: (o: bigint) => this.input[Number(o)],
      input_load_u64: (o: bigint) => this.inputView.getBigUint64(Number(o), true),
      alloc: (n: bigint) => this.alloc(Number(n)),
      free: () => {},
      length: (h: bigint) => BigInt(this.length(h)),
      length_unsafe: (h: bigint) => BigInt(this.length(h)),
      load_u8: (a: bigint) => this.memory[Number(a)],
      load_u64: (a: bigint) => this.view.getBigUint64(Number(a), true),
      store_u8: (a: bigint, v: number) => void (this.memory[Number(a)] = v),
      store_u64: (a: bigint, v: bigint) => this.view.setBigUint64(Number(a), v, true),
      output_set: (h: bigint, n: bigint) => {
        this.outputHandle = Number(h);
        this.outputLength = Number(n);
      },
      error_set: (h: bigint) => void (this.error = this.text(h)),
      config_get: () => 0n,
      var_get: (k: bigint) => {
        const value = this.vars.get(this.text(k));
        return value === undefined ? 0n : this.store(value);
      },
      var_set: (k: bigint, v: bigint) => {
        if (v === 0n) this.vars.delete(this.text(k));
        else this.vars.set(this.text(k), this.bytes(v).slice());
      },
      get_log_level: () => this.logLevel,
      log_trace: () => {},
      log_debug: () => {},
      log_info: () => {},
      log_warn: () => {},
      log_error: () => {},
    };
  }
}

/** A plug-in function bound to its own BareKernel. */
interface Runner {
  run(): void;
  kernel: BareKernel;
}

function runner(wasm: string, fn: string, input: Uint8Array, logLevel: number): Runner {
  const kernel = new BareKernel(logLevel);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), { "extism:host/env": kernel.imports() });
  const f = instance.exports[fn] as () => number;
  return {
    kernel,
    run: () => {
      kernel.begin(input);
      f();
    },
  };
}

const BATCH_NS = 1_000_000;

/**
 * Median ns per call of each plug-in function (null: none) on `input`, in
 * interleaved rounds as in measure.ts; null where a plug-in fails or replies
 * wrongly (`check`).
 */
export function pluginSideNs(
  subjects: ({ wasm: string; fn: string } | null)[],
  input: Uint8Array,
  logLevel: number,
  check: (output: Uint8Array) => string | null,
  rounds: number,
): (number | null)[] {
  const runners = subjects.map((s) => {
    if (s === null) return null;
    try {
      const r = runner(s.wasm, s.fn, input, logLevel);
      r.run();
      return r.kernel.error === null && check(r.kernel.output) === null ? r : null;
    } catch {
      return null;
    }
  });
  const batches = runners.map((r) => {
    if (r === null) return 0;
    let calls = 0;
    const start = process.hrtime.bigint();
    do {
      r.run();
      calls++;
    } while (Number(process.hrtime.bigint() - start) < 50_000_000);
    return Math.max(1, Math.round((BATCH_NS * calls) / Number(process.hrtime.bigint() - start)));
  });
  const samples: number[][] = runners.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < runners.length; k++) {
      const i = (round + k) % runners.length;
      const r = runners[i];
      if (r == null) continue;
      const start = process.hrtime.bigint();
      for (let j = 0; j < batches[i]!; j++) r.run();
      samples[i]!.push(Number(process.hrtime.bigint() - start) / batches[i]!);
    }
  }
  return samples.map((s, i) => (runners[i] === null ? null : median(s.sort((a, b) => a - b))));
}
