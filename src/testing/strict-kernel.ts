/**
 * A stand-in for the Extism kernel (`extism:host/env`) that follows the
 * strictest rules any real host has (see shared ABI.md), so that a PDK bug
 * that one host forgives fails here:
 *
 * - one linear kernel memory; `alloc(0)` returns 0 and `free` makes memory
 *   reusable at once (Rust runtime);
 * - handles are byte addresses, but above 2^32, so a handle truncated to 32
 *   bits never works;
 * - every load/store must stay inside one live block (JS hosts throw; Rust
 *   silently corrupts the next block): anything else is a violation;
 * - `input_load_u64` past the input's end is a violation (JS hosts throw);
 * - `output_set` and `error_set` must name a whole block, sized exactly
 *   (JS hosts return the whole block whatever the length says);
 * - a handle given to `config_get`, `var_get`, `var_set` or a `log_*` import
 *   is freed by the host: any later use of it is a violation;
 * - `config_get`, `var_get` and `http_headers` return a fresh block on every
 *   call (Rust runtime), which is the plug-in's: a test can check that none
 *   is left behind with `liveBlocks` (JS SDK 1.0.3 differs: its `var_get`
 *   returns the var's own block, which `sharedVarBlocks` imitates);
 * - a block given to `output_set` or `error_set` (or an error the host sets)
 *   is the host's: freeing it, storing into it or giving it to an import that
 *   frees it is a violation (reading it, as through `error_get`, is allowed);
 * - an error set fails the call, even when the function returned 0 or trapped;
 * - a call through `call` leaves no block live but the input's, the output's
 *   and the error's (unless `checkLeaks` is off): any other is a leak (the
 *   Rust runtime resets its memory per call, JS SDK 1.0.3 never does).
 *
 * A violation throws `KernelViolation` out of the host call (so the plug-in
 * traps) and is recorded in `violations`.
 */

export type Level = 0 | 1 | 2 | 3 | 4;
export const LEVEL_NAMES = ["trace", "debug", "info", "warn", "error"] as const;

export interface LogLine {
  level: Level;
  text: string;
}

export interface HttpRequestSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

export interface HttpReply {
  status: number;
  body: Uint8Array;
  headers?: Record<string, string>;
}

export type HttpHandler = (request: HttpRequestSpec) => HttpReply;

export interface KernelOptions {
  config?: Record<string, string>;
  /** The host's log level; `null` means logging is off. Default: trace. */
  logLevel?: Level | null;
  /** Total bytes of vars allowed (Rust default: 1 MiB). */
  maxVarBytes?: number;
  /** Whether `http_headers` returns the headers (newer hosts) or 0. */
  httpHeaders?: boolean;
  http?: HttpHandler;
  /** The largest response body `http_request` takes (Rust default: 50 MiB); a larger one fails the call. */
  maxHttpResponseBytes?: number;
  /**
   * JS SDK 1.0.3's `var_get` instead of the Rust runtime's: the var's own
   * block, the same handle for every read of a key in a call, which the
   * plug-in must neither free nor store into (either is a violation).
   */
  sharedVarBlocks?: boolean;
  /**
   * Whether `call` fails a call that leaves a block live other than the
   * input's, the output's and the error's (default: yes). Off only for a
   * plug-in that keeps a block until the call ends on purpose
   * (`Var.getMemory`, an `HttpResponse`'s body).
   */
  checkLeaks?: boolean;
}

export class KernelViolation extends Error {
  override name = "KernelViolation";
}

/** What a call through `StrictKernel.call` returned. */
export type CallResult = (
  | { ok: true; output: Uint8Array; logs: LogLine[] }
  | { ok: false; error: string; logs: LogLine[] }
) & {
  /** What the function returned (null: nothing, or it trapped). */
  returnCode: number | null;
  /** Whether an error was set in the call (by the plug-in or the host). */
  errorSet: boolean;
  /** Whether the call trapped. */
  trapped: boolean;
};

interface Block {
  size: number;
  capacity: number;
  live: boolean;
  /** The import that made the block the host's (`output_set`, `error_set`), or null. */
  hostOwned: string | null;
}

/** Handles start here so that a handle truncated to 32 bits is never valid. */
export const HANDLE_BASE = 0x1_0000_0000n;
/** Bytes between blocks, like the Rust kernel's block headers. */
const HEADER = 16;

type ImportFn = (...args: never[]) => unknown;

export class StrictKernel {
  readonly config: Map<string, string>;
  readonly vars = new Map<string, Uint8Array>();
  readonly logs: LogLine[] = [];
  readonly violations: string[] = [];
  /** How many times each import was called since the last `begin`. */
  readonly calls = new Map<string, number>();
  logLevel: Level | null;
  maxVarBytes: number;
  httpHeaders: boolean;
  http: HttpHandler | null;
  maxHttpResponseBytes: number;
  sharedVarBlocks: boolean;
  checkLeaks: boolean;
  /** The text of the last `http_request`'s request JSON, exactly as the plug-in sent it, or `null`. */
  lastRequestJSON: string | null = null;

  private memory = new Uint8Array(1 << 16);
  /** The block the last load/store hit: copies hit the same block many times. */
  private lastHit = -1;
  private top = HEADER;
  private blocks = new Map<number, Block>();
  private freeList: number[] = [];
  private input = new Uint8Array(0);
  private inputHandle = 0n;
  private outputBytes: Uint8Array | null = null;
  private errorHandle = 0n;
  private lastStatus = 0;
  private lastHeaders: Record<string, string> | null = null;
  /** With `sharedVarBlocks`: the block of each var read in this call. */
  private varBlocks = new Map<string, bigint>();

  constructor(options: KernelOptions = {}) {
    this.config = new Map(Object.entries(options.config ?? {}));
    this.logLevel = options.logLevel === undefined ? 0 : options.logLevel;
    this.maxVarBytes = options.maxVarBytes ?? 1024 * 1024;
    this.httpHeaders = options.httpHeaders ?? true;
    this.http = options.http ?? null;
    this.maxHttpResponseBytes = options.maxHttpResponseBytes ?? 50 * 1024 * 1024;
    this.sharedVarBlocks = options.sharedVarBlocks ?? false;
    this.checkLeaks = options.checkLeaks ?? true;
  }

  /** Starts a new call: kernel memory is reset (as on the Rust runtime) and `input` stored. */
  begin(input: Uint8Array | string = new Uint8Array(0)): void {
    this.blocks.clear();
    this.lastHit = -1;
    this.freeList = [];
    this.top = HEADER;
    this.outputBytes = null;
    this.errorHandle = 0n;
    this.logs.length = 0;
    this.calls.clear();
    this.varBlocks.clear();
    this.input = typeof input === "string" ? new TextEncoder().encode(input) : input.slice();
    this.inputHandle = this.allocBlock(this.input.length);
    if (this.inputHandle !== 0n) this.bytes(this.inputHandle, this.input.length).set(this.input);
  }

  /** The output set by `output_set` in this call, or `null`. */
  get output(): Uint8Array | null {
    return this.outputBytes;
  }

  /** The error text set by `error_set` in this call, or `null`. */
  get error(): string | null {
    if (this.errorHandle === 0n) return null;
    const block = this.blocks.get(this.addr(this.errorHandle));
    if (block === undefined || !block.live) return "<error block was freed>";
    return this.text(this.errorHandle, block.size);
  }

  /** Number of live kernel blocks (the input's included). */
  get liveBlocks(): number {
    return this.countLiveBlocks(0);
  }

  /** Number of live kernel blocks of at least `minSize` bytes (the input's included). */
  countLiveBlocks(minSize: number): number {
    let n = 0;
    for (const b of this.blocks.values()) if (b.live && b.size >= minSize) n++;
    return n;
  }

  /**
   * The live blocks a call may not leave behind: every one but the input's
   * and those handed to the host (the output's, the error's), as
   * `size@0xhandle`.
   */
  leftBlocks(): string[] {
    const left: string[] = [];
    const input = this.addr(this.inputHandle);
    for (const [start, b] of this.blocks) {
      if (b.live && b.hostOwned === null && !(this.inputHandle !== 0n && start === input)) {
        left.push(`${b.size} bytes@0x${(HANDLE_BASE + BigInt(start)).toString(16)}`);
      }
    }
    return left;
  }

  /**
   * Runs export `name` of `instance` as one Extism call, with the Rust
   * runtime's rules for errors: a set error wins over the return code and
   * over a trap.
   */
  call(instance: WebAssembly.Instance, name: string, input: Uint8Array | string = new Uint8Array(0)): CallResult {
    this.begin(input);
    const fn = instance.exports[name];
    if (typeof fn !== "function") throw new Error(`no export ${name}`);
    let returned: number | null = null;
    let trap: unknown = null;
    try {
      const r: unknown = (fn as () => unknown)();
      returned = typeof r === "number" ? r : null;
    } catch (e) {
      if (e instanceof KernelViolation) throw e;
      trap = e;
    }
    if (this.checkLeaks) {
      const left = this.leftBlocks();
      if (left.length > 0) {
        this.violate(`${name}: the call left ${left.length} kernel block(s) live besides its input, output and error (${left.join(", ")}): a leak${trap !== null ? " on its failure path" : ""}`);
      }
    }
    const logs = this.logs.slice();
    const error = this.error;
    const facts = { returnCode: returned, errorSet: error !== null, trapped: trap !== null };
    if (error !== null) return { ok: false, error, logs, ...facts };
    if (trap !== null) return { ok: false, error: String(trap), logs, ...facts };
    if (returned !== null && returned !== 0) return { ok: false, error: `Returned non-zero exit code: ${returned}`, logs, ...facts };
    return { ok: true, output: this.outputBytes ?? new Uint8Array(0), logs, ...facts };
  }

  /** The `extism:host/env` import object. */
  imports(): Record<string, ImportFn> {
    const env: Record<string, ImportFn> = {
      alloc: (n: bigint) => this.allocBlock(Number(n)),
      free: (h: bigint) => {
        if (h !== 0n) this.freeBlock(h, "free");
      },
      length: (h: bigint) => {
        const block = this.blocks.get(this.addr(h));
        return BigInt(block !== undefined && block.live ? block.size : 0);
      },
      length_unsafe: (h: bigint) => BigInt(this.live(h, "length_unsafe").size),
      load_u8: (a: bigint) => this.range(a, 1, "load_u8").getUint8(0),
      load_u64: (a: bigint) => this.range(a, 8, "load_u64").getBigUint64(0, true),
      store_u8: (a: bigint, v: number) => this.range(a, 1, "store_u8").setUint8(0, v),
      store_u64: (a: bigint, v: bigint) => this.range(a, 8, "store_u64").setBigUint64(0, v, true),
      input_length: () => BigInt(this.input.length),
      input_offset: () => this.inputHandle,
      input_load_u8: (off: bigint) => this.inputView(off, 1).getUint8(0),
      input_load_u64: (off: bigint) => this.inputView(off, 8).getBigUint64(0, true),
      output_set: (h: bigint, len: bigint) => {
        if (h === 0n && len === 0n) {
          this.outputBytes = new Uint8Array(0);
          return;
        }
        const block = this.live(h, "output_set");
        if (BigInt(block.size) !== len) {
          this.violate(`output_set: length ${len} does not match the block's ${block.size} bytes (JS hosts return the whole block)`);
        }
        this.outputBytes = this.bytes(h, block.size).slice();
        block.hostOwned = "output_set";
      },
      error_set: (h: bigint) => {
        if (h === 0n) this.violate("error_set(0): JS hosts report an error of one NUL byte");
        this.live(h, "error_set").hostOwned = "error_set";
        this.errorHandle = h;
      },
      error_get: () => this.errorHandle,
      config_get: (k: bigint) => {
        const key = this.takeString(k, "config_get");
        const value = this.config.get(key);
        return value === undefined || value === "" ? 0n : this.storeBytes(new TextEncoder().encode(value));
      },
      var_get: (k: bigint) => {
        const key = this.takeString(k, "var_get");
        const value = this.vars.get(key);
        if (value === undefined) return 0n;
        if (!this.sharedVarBlocks) return this.storeBytes(value);
        const shared = this.varBlocks.get(key);
        if (shared !== undefined) return shared;
        const h = this.storeBytes(value);
        this.blocks.get(this.addr(h))!.hostOwned = "var_get (the var's own block, as on JS SDK 1.0.3)";
        this.varBlocks.set(key, h);
        return h;
      },
      var_set: (k: bigint, v: bigint) => {
        const key = this.takeString(k, "var_set");
        this.varBlocks.delete(key);
        if (v === 0n) {
          this.vars.delete(key);
          return;
        }
        const block = this.live(v, "var_set");
        const value = this.bytes(v, block.size).slice();
        this.freeBlock(v, "var_set");
        let total = value.length;
        for (const [name, bytes] of this.vars) if (name !== key) total += bytes.length;
        if (total > this.maxVarBytes) {
          this.setHostError(`var memory limit exceeded: ${total} bytes requested, ${this.maxVarBytes} allowed`);
          return;
        }
        if (value.length === 0) this.vars.delete(key);
        else this.vars.set(key, value);
      },
      http_request: (req: bigint, body: bigint) => this.httpRequest(req, body),
      http_status_code: () => this.lastStatus,
      http_headers: () => {
        if (!this.httpHeaders || this.lastHeaders === null) return 0n;
        return this.storeBytes(new TextEncoder().encode(JSON.stringify(this.lastHeaders)));
      },
      get_log_level: () => (this.logLevel === null ? -1 : this.logLevel),
    };
    LEVEL_NAMES.forEach((name, level) => {
      env[`log_${name}`] = (h: bigint) => this.log(level as Level, h);
    });
    const counted: Record<string, ImportFn> = {};
    for (const [name, fn] of Object.entries(env)) {
      counted[name] = (...args: never[]) => {
        this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        return fn(...args);
      };
    }
    return counted;
  }

  /** Host-side helper: stores `bytes` in a new block and returns its handle (0 for none). */
  storeBytes(bytes: Uint8Array): bigint {
    const h = this.allocBlock(bytes.length);
    if (h !== 0n) this.bytes(h, bytes.length).set(bytes);
    return h;
  }

  /** Host-side helper: a copy of the live block `h`, or `null` when `h` names none (not a violation). */
  peek(h: bigint): Uint8Array | null {
    const block = this.blocks.get(this.addr(h));
    return block === undefined || !block.live ? null : this.bytes(h, block.size).slice();
  }

  /** Host-side helper: the bytes of the live block `h` (a copy). */
  read(h: bigint): Uint8Array {
    const block = this.live(h, "read");
    return this.bytes(h, block.size).slice();
  }

  private httpRequest(req: bigint, body: bigint): bigint {
    const spec = this.takeString(req, "http_request");
    this.lastRequestJSON = spec;
    const bodyBytes = body === 0n ? null : this.read(body);
    if (body !== 0n) this.freeBlock(body, "http_request");
    let parsed: unknown;
    try {
      parsed = JSON.parse(spec);
    } catch {
      this.violate(`http_request: request is not JSON: ${spec}`);
    }
    const o = parsed as Record<string, unknown>;
    for (const field of Object.keys(o)) {
      if (!["url", "method", "headers"].includes(field)) this.violate(`http_request: unknown field ${field} (the Rust runtime rejects it)`);
    }
    if (typeof o.url !== "string") this.violate("http_request: url missing");
    const headers = (o.headers ?? {}) as Record<string, string>;
    if (this.http === null) {
      // As the Rust runtime does: the host call fails, and so does the call.
      const message = `HTTP request to ${String(o.url)} is not allowed`;
      this.setHostError(message);
      throw new Error(message);
    }
    const reply = this.http({ url: o.url as string, method: (o.method as string | undefined) ?? "GET", headers, body: bodyBytes });
    this.lastStatus = reply.status;
    this.lastHeaders = reply.headers ?? {};
    if (reply.body.length > this.maxHttpResponseBytes) {
      // As the Rust runtime does: the host call fails, and so does the call.
      const message = `HTTP response exceeds the configured maximum number of bytes: ${this.maxHttpResponseBytes}`;
      this.setHostError(message);
      throw new Error(message);
    }
    // Rust: an empty body is handle 0 (its alloc(0) is 0).
    if (reply.body.length === 0) return 0n;
    return this.storeBytes(reply.body);
  }

  /** Fails the call with `message`, as the host itself does. */
  private setHostError(message: string): void {
    this.errorHandle = this.storeBytes(new TextEncoder().encode(message));
    this.blocks.get(this.addr(this.errorHandle))!.hostOwned = "error_set";
  }

  private log(level: Level, h: bigint): void {
    const text = this.takeString(h, `log_${LEVEL_NAMES[level]}`);
    if (this.logLevel !== null && level >= this.logLevel) this.logs.push({ level, text });
  }

  /** Reads block `h` as a string and frees it: the host owns it now. */
  private takeString(h: bigint, where: string): string {
    const block = this.live(h, where);
    const text = this.text(h, block.size);
    this.freeBlock(h, where);
    return text;
  }

  private allocBlock(size: number): bigint {
    if (size === 0) return 0n;
    // Reuse the most recently freed block that fits, so that a stale handle
    // meets someone else's data at once.
    for (let i = this.freeList.length - 1; i >= 0; i--) {
      const start = this.freeList[i]!;
      const block = this.blocks.get(start)!;
      if (block.capacity >= size) {
        this.freeList.splice(i, 1);
        block.live = true;
        block.size = size;
        block.hostOwned = null;
        this.memory.fill(0xcd, start, start + block.capacity);
        return HANDLE_BASE + BigInt(start);
      }
    }
    const start = this.top;
    this.top += size + HEADER;
    if (this.top > this.memory.length) {
      let n = this.memory.length;
      while (n < this.top) n *= 2;
      const grown = new Uint8Array(n);
      grown.set(this.memory);
      this.memory = grown;
    }
    this.blocks.set(start, { size, capacity: size, live: true, hostOwned: null });
    this.memory.fill(0xcd, start, start + size);
    return HANDLE_BASE + BigInt(start);
  }

  private freeBlock(h: bigint, where: string): void {
    const block = this.live(h, where);
    if (block.hostOwned !== null) this.violate(`${where}: block 0x${h.toString(16)} was handed to the host by ${block.hostOwned}`);
    block.live = false;
    this.freeList.push(this.addr(h));
  }

  private addr(h: bigint): number {
    const a = h - HANDLE_BASE;
    return a < 0n || a > BigInt(this.memory.length) ? -1 : Number(a);
  }

  private live(h: bigint, where: string): Block {
    const block = this.blocks.get(this.addr(h));
    if (block === undefined) this.violate(`${where}: 0x${h.toString(16)} is not a block`);
    if (!block.live) this.violate(`${where}: block 0x${h.toString(16)} was freed (or handed to the host)`);
    return block;
  }

  /** A view of `size` bytes at address `a`, which must lie inside one live block. */
  private range(a: bigint, size: number, where: string): DataView {
    const at = this.addr(a);
    if (at >= 0) {
      const hit = this.blocks.get(this.lastHit);
      const candidates: Iterable<[number, Block]> =
        hit !== undefined && at >= this.lastHit && at < this.lastHit + hit.size ? [[this.lastHit, hit]] : this.blocks;
      for (const [start, block] of candidates) {
        if (at >= start && at < start + Math.max(block.size, 1)) {
          if (!block.live) this.violate(`${where}: 0x${a.toString(16)} is in a freed block`);
          if (block.hostOwned !== null && where.startsWith("store")) {
            this.violate(`${where}: 0x${a.toString(16)} is in a block handed to the host by ${block.hostOwned}`);
          }
          if (at + size > start + block.size) {
            this.violate(`${where}: ${size} bytes at 0x${a.toString(16)} run past the end of the block at 0x${(HANDLE_BASE + BigInt(start)).toString(16)} (${block.size} bytes)`);
          }
          this.lastHit = start;
          return new DataView(this.memory.buffer, at, size);
        }
      }
    }
    this.violate(`${where}: 0x${a.toString(16)} is outside every block`);
  }

  private inputView(off: bigint, size: number): DataView {
    if (off < 0n || off + BigInt(size) > BigInt(this.input.length)) {
      this.violate(`input_load: ${size} bytes at ${off} run past the input (${this.input.length} bytes)`);
    }
    return new DataView(this.input.buffer, this.input.byteOffset + Number(off), size);
  }

  private bytes(h: bigint, size: number): Uint8Array {
    const at = this.addr(h);
    return this.memory.subarray(at, at + size);
  }

  private text(h: bigint, size: number): string {
    return new TextDecoder().decode(this.bytes(h, size));
  }

  private violate(message: string): never {
    this.violations.push(message);
    throw new KernelViolation(message);
  }
}
