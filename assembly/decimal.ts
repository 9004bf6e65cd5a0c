// Decimal text to the nearest f64, correctly rounded (ties to even), as
// `JSON.parse` reads it. AssemblyScript's own `f64.parse` is not: it reads
// "20937647456256000e23" as 2.09e38 (a power of ten lost) and is off by one
// unit in the last place on long mantissas and subnormals. json-read.ts takes
// the numbers it can read exactly itself (at most 15 digits, a power of ten
// up to 22); the rest come here.
//
// The method is Clinger's AlgorithmR: an approximation within a few units in
// the last place, then exact comparisons of the decimal with the midpoints
// between neighbouring doubles, in integer arithmetic, moving one unit at a
// time until the nearest double is found.

/** Significant digits kept; more become one sticky digit (they can only break a tie). */
// @ts-ignore: decorator
@inline
const MAX_DIGITS = 780;
/** 32-bit limbs of the largest integer compared (about 4,000 bits are needed). */
// @ts-ignore: decorator
@inline
const LIMBS = 200;

/** A non-negative integer of up to `LIMBS` 32-bit limbs, least significant first. */
@final
class Big {
  limbs: StaticArray<u32> = new StaticArray<u32>(LIMBS);
  length: i32 = 0;

  set(v: u64): Big {
    this.length = 0;
    if (v != 0) this.push(<u32>v);
    if (v >> 32 != 0) this.push(<u32>(v >> 32));
    return this;
  }

  copy(from: Big): Big {
    memory.copy(changetype<usize>(this.limbs), changetype<usize>(from.limbs), <usize>from.length << 2);
    this.length = from.length;
    return this;
  }

  private push(limb: u32): void {
    unchecked((this.limbs[this.length++] = limb));
  }

  /** this = this * m + add. */
  mulAdd(m: u32, add: u32): Big {
    let carry = <u64>add;
    for (let i = 0; i < this.length; i++) {
      const v = <u64>unchecked(this.limbs[i]) * m + carry;
      unchecked((this.limbs[i] = <u32>v));
      carry = v >> 32;
    }
    if (carry != 0) this.push(<u32>carry);
    return this;
  }

  /** this = this * 10^e. */
  mulPow10(e: i32): Big {
    for (; e >= 9; e -= 9) this.mulAdd(1000000000, 0);
    if (e > 0) this.mulAdd(<u32>Math.pow(10, e), 0);
    return this;
  }

  /** this = this * 2^bits. */
  shl(bits: i32): Big {
    if (this.length == 0 || bits == 0) return this;
    const words = bits >> 5;
    const shift = bits & 31;
    const limbs = this.limbs;
    let n = this.length;
    if (shift != 0) {
      let carry: u32 = 0;
      for (let i = 0; i < n; i++) {
        const v = unchecked(limbs[i]);
        unchecked((limbs[i] = (v << shift) | carry));
        carry = v >> (32 - shift);
      }
      if (carry != 0) unchecked((limbs[n++] = carry));
    }
    if (words != 0) {
      for (let i = n - 1; i >= 0; i--) unchecked((limbs[i + words] = limbs[i]));
      for (let i = 0; i < words; i++) unchecked((limbs[i] = 0));
      n += words;
    }
    this.length = n;
    return this;
  }

  /** this = this * v (v < 2^64), using `scratch`. */
  mulU64(v: u64, scratch: Big): Big {
    scratch.copy(this).mulAdd(<u32>(v >> 32), 0).shl(32);
    this.mulAdd(<u32>v, 0);
    // this += scratch
    const limbs = this.limbs;
    const other = scratch.limbs;
    const n = max(this.length, scratch.length);
    let carry: u64 = 0;
    for (let i = 0; i < n; i++) {
      const a = i < this.length ? <u64>unchecked(limbs[i]) : 0;
      const b = i < scratch.length ? <u64>unchecked(other[i]) : 0;
      const sum = a + b + carry;
      unchecked((limbs[i] = <u32>sum));
      carry = sum >> 32;
    }
    this.length = n;
    if (carry != 0) this.push(<u32>carry);
    // No zero limbs on top (the high half of v may be 0): compare() counts limbs.
    while (this.length > 0 && unchecked(limbs[this.length - 1]) == 0) this.length--;
    return this;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  compare(other: Big): i32 {
    if (this.length != other.length) return this.length < other.length ? -1 : 1;
    for (let i = this.length - 1; i >= 0; i--) {
      const a = unchecked(this.limbs[i]);
      const b = unchecked(other.limbs[i]);
      if (a != b) return a < b ? -1 : 1;
    }
    return 0;
  }
}

// Reused for every number: the digits, the digits times 10^e (e >= 0), 10^-e
// (e < 0), the two sides of a comparison, and scratch space.
// @ts-ignore: decorator
@lazy
const digits = new Big();
// @ts-ignore: decorator
@lazy
const scaledDigits = new Big();
// @ts-ignore: decorator
@lazy
const scaledPower = new Big();
// @ts-ignore: decorator
@lazy
const left = new Big();
// @ts-ignore: decorator
@lazy
const right = new Big();
// @ts-ignore: decorator
@lazy
const scratch = new Big();

/**
 * @internal The f64 nearest to the JSON number [start, end) at `ptr` (its
 * syntax checked), ties to even: ±Infinity beyond the largest double.
 */
export function parseDecimal(ptr: usize, start: i32, end: i32): f64 {
  let p = ptr + <usize>start;
  const stop = ptr + <usize>end;
  const negative = load<u8>(p) == 0x2d;
  if (negative) p++;
  // The significant digits into `digits` (nine at a time), with `exponent`
  // such that the number is digits * 10^exponent.
  digits.set(0);
  let count = 0;
  let exponent = 0;
  let fraction = false;
  let chunk: u32 = 0;
  let chunkDigits = 0;
  let sticky = false;
  let leading: u64 = 0; // the first 19 significant digits, for the approximation
  for (; p < stop; p++) {
    const c = <u32>load<u8>(p);
    if (c == 0x2e) {
      fraction = true;
      continue;
    }
    const d = c - 0x30;
    if (d > 9) break;
    if (count == 0 && d == 0) {
      if (fraction) exponent--;
      continue;
    }
    if (count < MAX_DIGITS) {
      chunk = chunk * 10 + d;
      if (++chunkDigits == 9) {
        digits.mulAdd(1000000000, chunk);
        chunk = 0;
        chunkDigits = 0;
      }
      if (count < 19) leading = leading * 10 + d;
      count++;
      if (fraction) exponent--;
    } else {
      if (d != 0) sticky = true;
      if (!fraction) exponent++;
    }
  }
  if (chunkDigits > 0) digits.mulAdd(<u32>Math.pow(10, chunkDigits), chunk);
  if (sticky) {
    // Anything after the kept digits only moves the number off a tie.
    digits.mulAdd(10, 1);
    exponent--;
    count++;
  }
  if (p < stop) {
    // The exponent part: e or E, a sign, digits.
    p++;
    const sign = load<u8>(p);
    const down = sign == 0x2d;
    if (down || sign == 0x2b) p++;
    let e = 0;
    for (; p < stop; p++) if (e < 100000) e = e * 10 + (<i32>load<u8>(p) - 0x30);
    exponent += down ? -e : e;
  }
  let value = count == 0 ? 0.0 : nearest(leading, count, exponent);
  return negative ? -value : value;
}

/** The double nearest to digits * 10^exponent (`count` digits, `leading` the first 19 of them). */
function nearest(leading: u64, count: i32, exponent: i32): f64 {
  // Past the largest double, or below half the smallest one.
  if (count + exponent > 310) return Infinity;
  if (count + exponent < -324) return 0;
  // Within a few units in the last place.
  const used = count < 19 ? count : 19;
  let e = exponent + count - used;
  let z: f64;
  if (e < -300) z = (<f64>leading * Math.pow(10, e + 300)) * 1e-300;
  else z = <f64>leading * Math.pow(10, e);
  if (z > f64.MAX_VALUE) z = f64.MAX_VALUE;
  // The exact sides: digits * 10^exponent against a midpoint (2m+1) * 2^(k-1).
  if (exponent >= 0) {
    scaledDigits.copy(digits).mulPow10(exponent);
    scaledPower.set(1);
  } else {
    scaledDigits.copy(digits);
    scaledPower.set(1).mulPow10(-exponent);
  }
  for (let steps = 0; steps < 2000; steps++) {
    const bits = reinterpret<u64>(z);
    const biased = <i32>(bits >> 52);
    const m = biased == 0 ? bits & 0xfffffffffffff : (bits & 0xfffffffffffff) | (<u64>1 << 52);
    const k = biased == 0 ? -1074 : biased - 1075;
    // Against the midpoint above z.
    const above = compareMidpoint(2 * m + 1, k - 1);
    if (above > 0 || (above == 0 && (m & 1) != 0)) {
      if (z == f64.MAX_VALUE) return Infinity;
      z = reinterpret<f64>(bits + 1);
      continue;
    }
    if (m == 0) return z;
    // Against the midpoint below z (closer where z is a power of two).
    const below = m == (<u64>1 << 52) && biased > 1 ? compareMidpoint(4 * m - 1, k - 2) : compareMidpoint(2 * m - 1, k - 1);
    if (below < 0 || (below == 0 && (m & 1) != 0)) {
      z = reinterpret<f64>(bits - 1);
      continue;
    }
    return z;
  }
  return z; // (not reached: each step moves one unit towards the answer)
}

/** Compares digits * 10^exponent with n * 2^k: -1, 0 or 1. */
function compareMidpoint(n: u64, k: i32): i32 {
  left.copy(scaledDigits);
  right.copy(scaledPower).mulU64(n, scratch);
  if (k >= 0) right.shl(k);
  else left.shl(-k);
  return left.compare(right);
}
