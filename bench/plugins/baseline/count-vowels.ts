// Plain AssemblyScript on the raw imports, without any PDK, built with asc's
// defaults (-O3, the incremental GC runtime): what any AssemblyScript
// plug-in that reads its input into a Uint8Array, counts with the same loop
// and replies with a string pays before a PDK adds anything. Built by
// bench/run.ts with bench/plugins/baseline.asconfig.json.

@external("extism:host/env", "input_length") declare function input_length(): u64;
@external("extism:host/env", "input_load_u64") declare function input_load_u64(offset: u64): u64;
@external("extism:host/env", "input_load_u8") declare function input_load_u8(offset: u64): u8;
@external("extism:host/env", "alloc") declare function alloc(n: u64): u64;
@external("extism:host/env", "store_u64") declare function store_u64(a: u64, v: u64): void;
@external("extism:host/env", "output_set") declare function output_set(h: u64, n: u64): void;

export function abort(message: string | null, file: string | null, line: u32, column: u32): void {
  unreachable();
}

export function count_vowels(): i32 {
  const n = <i32>input_length();
  const input = new Uint8Array(n);
  const p = input.dataStart;
  if (n < 8) {
    for (let i = 0; i < n; i++) store<u8>(p + i, input_load_u8(i));
  } else {
    for (let i = 0; i < n - 8; i += 8) store<u64>(p + i, input_load_u64(i));
    store<u64>(p + n - 8, input_load_u64(n - 8));
  }

  let count = 0;
  for (let i = 0; i < input.length; i++) {
    switch (input[i]) {
      case 0x61: case 0x65: case 0x69: case 0x6f: case 0x75: // a e i o u
      case 0x41: case 0x45: case 0x49: case 0x4f: case 0x55: // A E I O U
        count++;
    }
  }

  const reply = String.UTF8.encode('{"count":' + count.toString() + "}");
  const size = reply.byteLength;
  const q = changetype<usize>(reply);
  const h = alloc(size);
  for (let i = 0; i < size - 8; i += 8) store_u64(h + i, load<u64>(q + i));
  store_u64(h + size - 8, load<u64>(q + size - 8));
  output_set(h, size);
  return 0;
}
