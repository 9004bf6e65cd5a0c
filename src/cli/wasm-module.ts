/**
 * Reads what `extism-as` needs to know of a WebAssembly binary without
 * instantiating it: its imports and exports with their function types, and
 * its size by section. WebAssembly's own `Module.imports()` gives no types.
 */

/** A function type, e.g. `(i64, i64) -> i64`. */
export interface FuncType {
  params: string[];
  results: string[];
}

export interface WasmImport {
  module: string;
  name: string;
  kind: "function" | "table" | "memory" | "global";
  /** For functions. */
  type?: FuncType;
}

export interface WasmExport {
  name: string;
  kind: "function" | "table" | "memory" | "global";
  /** For functions. */
  type?: FuncType;
}

export interface WasmModuleInfo {
  size: number;
  imports: WasmImport[];
  exports: WasmExport[];
  /** Bytes per section: `code`, `data`, `custom:name`... */
  sections: Record<string, number>;
}

/** Thrown for bytes that are not a WebAssembly module. */
export class NotWasmError extends Error {}

const KINDS = ["function", "table", "memory", "global"] as const;
const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
const VALTYPES: Record<number, string> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };

/** Parses `bytes`; throws `NotWasmError` naming what is wrong. */
export function readWasmModule(bytes: Uint8Array): WasmModuleInfo {
  const r = new Reader(bytes);
  if (bytes.length < 8 || r.u32le() !== 0x6d736100) throw new NotWasmError("not a WebAssembly module (no \\0asm header)");
  if (r.u32le() !== 1) throw new NotWasmError("not a WebAssembly 1.0 module (unknown version)");
  const types: FuncType[] = [];
  const imports: WasmImport[] = [];
  // The function index space: imported functions first, then the module's own.
  const functions: (FuncType | undefined)[] = [];
  const rawExports: { name: string; kind: WasmExport["kind"]; index: number }[] = [];
  const sections: Record<string, number> = {};
  while (!r.done()) {
    const id = r.byte();
    const size = r.leb();
    const end = r.pos + size;
    if (end > bytes.length) throw new NotWasmError("a section runs past the end of the file (truncated?)");
    let label = SECTION_NAMES[id] ?? `unknown-${id}`;
    if (id === 0) label = `custom:${r.name()}`;
    sections[label] = (sections[label] ?? 0) + size;
    if (id === 1) {
      for (let n = r.leb(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new NotWasmError("a type that is not a function type");
        types.push({ params: r.valtypes(), results: r.valtypes() });
      }
    } else if (id === 2) {
      for (let n = r.leb(); n > 0; n--) {
        const module = r.name();
        const name = r.name();
        const kind = KINDS[r.byte()];
        if (kind === undefined) throw new NotWasmError(`import ${module}.${name} of an unknown kind`);
        const entry: WasmImport = { module, name, kind };
        if (kind === "function") {
          entry.type = types[r.leb()];
          functions.push(entry.type);
        } else if (kind === "table") {
          r.byte();
          r.limits();
        } else if (kind === "memory") r.limits();
        else r.pos += 2;
        imports.push(entry);
      }
    } else if (id === 3) {
      for (let n = r.leb(); n > 0; n--) functions.push(types[r.leb()]);
    } else if (id === 7) {
      for (let n = r.leb(); n > 0; n--) {
        const name = r.name();
        const kind = KINDS[r.byte()];
        if (kind === undefined) throw new NotWasmError(`export ${name} of an unknown kind`);
        rawExports.push({ name, kind, index: r.leb() });
      }
    }
    r.pos = end;
  }
  const exports = rawExports.map(({ name, kind, index }): WasmExport => {
    const type = kind === "function" ? functions[index] : undefined;
    return type === undefined ? { name, kind } : { name, kind, type };
  });
  return { size: bytes.length, imports, exports, sections };
}

/** `(i64, i64) -> i64`, `() -> i32`, `(i64) -> ()`. */
export function showType(type: FuncType | undefined): string {
  if (type === undefined) return "?";
  return `(${type.params.join(", ")}) -> ${type.results.length === 1 ? type.results[0] : `(${type.results.join(", ")})`}`;
}

/** Whether an export can be called as an Extism plug-in function: no parameters, an i32 or nothing back. */
export function isPluginFunction(e: WasmExport): boolean {
  if (e.kind !== "function" || e.type === undefined) return false;
  const { params, results } = e.type;
  return params.length === 0 && (results.length === 0 || (results.length === 1 && results[0] === "i32"));
}

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.bytes.length;
  }

  byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new NotWasmError("unexpected end of the file (truncated?)");
    return b;
  }

  u32le(): number {
    return (this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0;
  }

  /** An unsigned LEB128 of up to 32 bits. */
  leb(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new NotWasmError("a number too long for its encoding");
    }
  }

  name(): string {
    const length = this.leb();
    const start = this.pos;
    this.pos += length;
    if (this.pos > this.bytes.length) throw new NotWasmError("a name runs past the end of the file (truncated?)");
    return new TextDecoder().decode(this.bytes.subarray(start, this.pos));
  }

  valtypes(): string[] {
    const out: string[] = [];
    for (let n = this.leb(); n > 0; n--) {
      const t = this.byte();
      out.push(VALTYPES[t] ?? `0x${t.toString(16)}`);
    }
    return out;
  }

  limits(): void {
    const flags = this.byte();
    this.leb();
    if (flags & 1) this.leb();
  }
}
