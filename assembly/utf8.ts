// UTF-8 as the WHATWG Encoding Standard (and so every JS host's
// TextDecoder/TextEncoder) defines it. AssemblyScript's own decoder turns
// invalid bytes into garbage code units and its encoder writes lone
// surrogates as WTF-8; a plug-in's strings must match what the host sees.

/**
 * @internal Encodes `s` as UTF-8; a lone surrogate becomes U+FFFD (EF BF BD),
 * as `TextEncoder` does.
 */
export function encodeUTF8(s: string): ArrayBuffer {
  // (AssemblyScript's String.UTF8.encode with ErrorMode.REPLACE does the same
  // with every error mode compiled in, and the messages of the other two.)
  const start = changetype<usize>(s);
  const end = start + (<usize>s.length << 1);
  let size: usize = 0;
  for (let p = start; p < end; p += 2) {
    const c = <u32>load<u16>(p);
    if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (isPair(c, p, end)) {
      size += 4;
      p += 2;
    } else size += 3;
  }
  const buffer = changetype<ArrayBuffer>(__new(size, idof<ArrayBuffer>()));
  let out = changetype<usize>(buffer);
  for (let p = start; p < end; p += 2) {
    let c = <u32>load<u16>(p);
    if (c < 0x80) {
      store<u8>(out, <u8>c);
      out += 1;
    } else if (c < 0x800) {
      store<u16>(out, <u16>((0xc0 | (c >> 6)) | ((0x80 | (c & 63)) << 8)));
      out += 2;
    } else if (isPair(c, p, end)) {
      c = 0x10000 + (((c & 0x3ff) << 10) | (<u32>load<u16>(p, 2) & 0x3ff));
      store<u32>(out, (0xf0 | (c >> 18)) | ((0x80 | ((c >> 12) & 63)) << 8) | ((0x80 | ((c >> 6) & 63)) << 16) | ((0x80 | (c & 63)) << 24));
      out += 4;
      p += 2;
    } else {
      // A lone surrogate is U+FFFD.
      if ((c & 0xf800) == 0xd800) c = 0xfffd;
      store<u16>(out, <u16>((0xe0 | (c >> 12)) | ((0x80 | ((c >> 6) & 63)) << 8)));
      store<u8>(out, <u8>(0x80 | (c & 63)), 2);
      out += 3;
    }
  }
  return buffer;
}

/** Whether the UTF-16 unit `c` at `p` (before `end`) starts a surrogate pair. */
// @ts-ignore: decorator
@inline
function isPair(c: u32, p: usize, end: usize): bool {
  return c >= 0xd800 && c < 0xdc00 && p + 2 < end && (<u32>load<u16>(p, 2) & 0xfc00) == 0xdc00;
}

/**
 * @internal Decodes `size` bytes at `ptr` as UTF-8. Each maximal invalid
 * subsequence becomes one U+FFFD, as `new TextDecoder().decode()` does.
 */
export function decodeUTF8(ptr: usize, size: usize): string {
  // At most one UTF-16 unit per byte; shrunk to the real size at the end.
  const str = changetype<usize>(__new(size << 1, idof<string>()));
  return changetype<string>(__renew(str, decodeUTF8Into(ptr, size, str) - str));
}

/**
 * @internal Decodes `size` bytes at `ptr` as UTF-8 into UTF-16 units at
 * `out` (room for `size` units is enough), as `decodeUTF8` does; returns
 * the address after the last unit written.
 */
export function decodeUTF8Into(ptr: usize, size: usize, out: usize): usize {
  const end = ptr + size;
  let p = ptr;
  while (p < end) {
    // ASCII runs, four bytes at a time.
    while (p + 4 <= end) {
      const w = load<u32>(p);
      if (w & 0x80808080) break;
      store<u64>(out, <u64>(w & 0xff) | (<u64>(w & 0xff00) << 8) | (<u64>(w & 0xff0000) << 16) | (<u64>(w & 0xff000000) << 24));
      p += 4;
      out += 8;
    }
    if (p >= end) break;
    const b0 = <u32>load<u8>(p);
    if (b0 < 0x80) {
      store<u16>(out, b0);
      out += 2;
      p += 1;
      continue;
    }
    // The number of continuation bytes and the allowed range of the first one.
    let need = 0;
    let lo: u32 = 0x80;
    let hi: u32 = 0xbf;
    let cp: u32 = 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      cp = b0 & 0x0f;
      if (b0 == 0xe0) lo = 0xa0;
      else if (b0 == 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      if (b0 == 0xf0) lo = 0x90;
      else if (b0 == 0xf4) hi = 0x8f;
    } else {
      store<u16>(out, 0xfffd);
      out += 2;
      p += 1;
      continue;
    }
    let q = p + 1;
    let valid = true;
    for (let i = 0; i < need; i++) {
      if (q >= end) {
        valid = false;
        break;
      }
      const b = <u32>load<u8>(q);
      if (b < lo || b > hi) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
      lo = 0x80;
      hi = 0xbf;
      q++;
    }
    // An invalid sequence is replaced up to (not including) the offending byte.
    p = q;
    if (!valid) {
      store<u16>(out, 0xfffd);
      out += 2;
    } else if (cp < 0x10000) {
      store<u16>(out, cp);
      out += 2;
    } else {
      cp -= 0x10000;
      store<u16>(out, 0xd800 | (cp >> 10));
      store<u16>(out + 2, 0xdc00 | (cp & 0x3ff));
      out += 4;
    }
  }
  return out;
}
