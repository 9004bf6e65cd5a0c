import {
  alloc,
  free,
  input_load_u64,
  input_load_u8,
  length,
  length_unsafe,
  load_u64,
  load_u8,
  store_u64,
  store_u8,
} from "./extism";
import { fail } from "./fail";
import { decimal } from "./format";
import { decodeUTF8, encodeUTF8 } from "./utf8";

/**
 * A block of kernel memory: the bytes that travel between plug-in and host.
 *
 * `offset` is the kernel's handle for the block (not an address in the
 * plug-in's own memory) and `length` its size in bytes. A `Memory` handed to
 * the host (`Host.outputMemory`, `Host.logMemory`, `Var.setMemory`) belongs to
 * the host afterwards: the PDK empties it (offset and length 0) so that it is
 * never used or freed again.
 */
export class Memory {
  /** The kernel handle of the block; 0 for an empty block on some hosts. */
  public offset: u64;
  /** The block's size in bytes. */
  public length: u64;

  /** Wraps a block the host handed over; nothing is copied or checked. */
  constructor(offset: u64, length: u64) {
    this.offset = offset;
    this.length = length;
  }

  /**
   * Allocates `length` bytes of kernel memory. Fails the call (with a message
   * naming the size) when the host is out of memory.
   */
  static allocate(length: u64): Memory {
    return new Memory(allocate(length), length);
  }

  /** Copies `data` (honouring its `byteOffset`) into a new block of exactly its size. */
  static allocateBytes(data: Uint8Array): Memory {
    return allocateCopy(data.dataStart, data.byteLength);
  }

  /** Copies `s` as UTF-8 into a new block of exactly its byte length. */
  static allocateString(s: string): Memory {
    const bytes = encodeUTF8(s);
    return allocateCopy(changetype<usize>(bytes), bytes.byteLength);
  }

  /**
   * The block that starts at `offset`, with its length as the host reports it
   * (`length`). Use it for a handle that a host function returned.
   */
  static find(offset: u64): Memory {
    return new Memory(offset, offset == 0 ? 0 : length(offset));
  }

  /**
   * The block that starts at `offset`, with its length from `length_unsafe`:
   * O(1) on the Rust runtime, but garbage when `offset` is not a block's
   * start. Prefer `find` unless profiling says otherwise.
   */
  static findUnsafe(offset: u64): Memory {
    return new Memory(offset, offset == 0 ? 0 : length_unsafe(offset));
  }

  /**
   * Copies the first `buffer.length` bytes of the block into `buffer` (at its
   * `byteOffset`). Fails if `buffer` is longer than the block.
   */
  load(buffer: Uint8Array): void {
    checkFits(buffer.byteLength, this.length, "Memory.load");
    readKernel(this.offset, buffer.dataStart, buffer.byteLength);
  }

  /**
   * Copies `data` to the start of the block. Fails if `data` is longer than
   * the block: the PDK never writes past a block.
   */
  store(data: Uint8Array): void {
    checkFits(data.byteLength, this.length, "Memory.store");
    writeKernel(this.offset, data.dataStart, data.byteLength);
  }

  /** Frees the block. Safe to call twice, and on an empty or handed-over block. */
  free(): void {
    if (this.offset != 0) free(this.offset);
    this.offset = 0;
    this.length = 0;
  }

  /** The block decoded as UTF-8 (invalid sequences become U+FFFD). */
  toString(): string {
    const size = byteSize(this.length, "Memory.toString");
    if (size == 0) return "";
    const buffer = new ArrayBuffer(size);
    readKernel(this.offset, changetype<usize>(buffer), size);
    return decodeUTF8(changetype<usize>(buffer), size);
  }

  /** A copy of the block's bytes. */
  toUint8Array(): Uint8Array {
    const size = byteSize(this.length, "Memory.toUint8Array");
    const bytes = new Uint8Array(size);
    readKernel(this.offset, bytes.dataStart, size);
    return bytes;
  }
}

/**
 * @internal The block a host lookup returned (`config_get`, `var_get`), or
 * `null` for none (handle 0) and for an empty value, which the Rust runtime
 * cannot tell from none.
 */
export function foundOrNull(handle: u64): Memory | null {
  if (handle == 0) return null;
  const value = Memory.find(handle);
  return value.length == 0 ? null : value;
}

/**
 * @internal Whether `handle`, a block the PDK allocated, comes from a JS SDK's
 * kernel (1.0.3 or 2.x): there a handle is a block index (from 1) shifted
 * left by 48 bits; the Rust runtime's are byte offsets in its kernel's 32-bit
 * memory (the strict kernel's stay below 2^48 too). Costs no host call.
 */
export function isJsKernelHandle(handle: u64): bool {
  return handle >= (<u64>1 << 48);
}

/** @internal Copies `size` bytes at `ptr` of linear memory into a new block of that size. */
export function allocateCopy(ptr: usize, size: i32): Memory {
  const handle = allocate(<u64>size);
  writeKernel(handle, ptr, size);
  return new Memory(handle, <u64>size);
}

/**
 * @internal A new block holding `s` as UTF-8, for the host to own: its
 * handle, with no `Memory` object in between. Fails the call when the host
 * has no memory left.
 */
export function stringBlock(s: string): u64 {
  const bytes = encodeUTF8(s);
  const size = bytes.byteLength;
  const handle = allocate(<u64>size);
  writeKernel(handle, changetype<usize>(bytes), size);
  return handle;
}

/**
 * @internal Gives a block to the host, which owns it from then on: returns its
 * handle and empties `m`, so that it is never used or freed again.
 */
export function handOver(m: Memory): u64 {
  const handle = m.offset;
  m.offset = 0;
  m.length = 0;
  return handle;
}

/**
 * @internal Allocates `size` bytes of kernel memory, failing the call when the
 * host has none left. `alloc(0)` may return 0 (the Rust kernel): that is an
 * empty block, not an error.
 */
export function allocate(size: u64): u64 {
  const handle = alloc(size);
  if (handle == 0 && size != 0) {
    fail("out of kernel memory: the host could not allocate " + decimal(size) + " bytes");
  }
  return handle;
}

/** @internal A kernel length as an `i32` byte count, or a clear failure. */
export function byteSize(size: u64, what: string): i32 {
  if (size > <u64>i32.MAX_VALUE) {
    fail(what + ": " + decimal(size) + " bytes do not fit in a plug-in's memory (2 GiB at most)");
  }
  return <i32>size;
}

function checkFits(size: i32, capacity: u64, what: string): void {
  if (<u64>size > capacity) {
    fail(what + ": " + decimal(size) + " bytes, but the block has " + decimal(capacity));
  }
}

// The copies below make the fewest host calls the ABI allows: one per 8-byte
// word, and for a length of 8 or more the last (partial) word is moved as a
// whole word that overlaps the one before it, so no byte-by-byte tail and
// never an access past the block. Shorter lengths go byte by byte.

/** @internal Copies `size` bytes from kernel block `src` into linear memory at `dst`. */
export function readKernel(src: u64, dst: usize, size: i32): void {
  if (size < 8) {
    for (let i = 0; i < size; i++) store<u8>(dst + i, load_u8(src + <u64>i));
    return;
  }
  const last = size - 8;
  for (let i = 0; i < last; i += 8) store<u64>(dst + i, load_u64(src + <u64>i));
  store<u64>(dst + last, load_u64(src + <u64>last));
}

/** @internal Copies `size` bytes at `src` in linear memory into kernel block `dst`. */
export function writeKernel(dst: u64, src: usize, size: i32): void {
  if (size < 8) {
    for (let i = 0; i < size; i++) store_u8(dst + <u64>i, load<u8>(src + i));
    return;
  }
  const last = size - 8;
  for (let i = 0; i < last; i += 8) store_u64(dst + <u64>i, load<u64>(src + i));
  store_u64(dst + <u64>last, load<u64>(src + last));
}

/** @internal Copies the first `size` bytes of the call's input to `dst`. */
export function readInput(dst: usize, size: i32): void {
  if (size < 8) {
    for (let i = 0; i < size; i++) store<u8>(dst + i, input_load_u8(<u64>i));
    return;
  }
  const last = size - 8;
  for (let i = 0; i < last; i += 8) store<u64>(dst + i, input_load_u64(<u64>i));
  store<u64>(dst + last, input_load_u64(<u64>last));
}
