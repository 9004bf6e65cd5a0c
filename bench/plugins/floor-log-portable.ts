// build: floor
// The floor of logging without get_log_level (hosts such as JS SDK 1.0.3 lack
// it, so the portable build cannot ask): every message goes to the host, which
// filters it. Host calls per message: alloc, two store_u64 (13 bytes, the last
// word overlapping), log_debug.
import { log_debug, memoryToBlock } from "./lib/floor";

// "debug message"
const MESSAGE = memory.data<u8>([0x64, 0x65, 0x62, 0x75, 0x67, 0x20, 0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65]);

export function log_filtered(): i32 {
  for (let i = 0; i < 1000; i++) log_debug(memoryToBlock(MESSAGE, 13));
  return 0;
}
