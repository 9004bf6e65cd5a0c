// build: official
// @extism/as-pdk 1.0.0, written and built as its README shows (its own abort
// handler, no -O).
// It has no JSON: json-as is wired in by hand, as a user of it would
// (`--transform json-as/transform`, JSON.parse/stringify on strings).
import { Host } from "@extism/as-pdk";
import { JSON } from "json-as";

function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {}

@json
class Order {
  id: i64 = 0;
  customer: string = "";
  email: string = "";
  items: string[] = [];
  quantities: i32[] = [];
  total: f64 = 0;
  express: bool = false;
  note: string = "";
}

@json
class Receipt {
  id: i64 = 0;
  message: string = "";
  count: i32 = 0;
  total: f64 = 0;
}

export function json(): i32 {
  const order = JSON.parse<Order>(Host.inputString());
  const receipt = new Receipt();
  receipt.id = order.id;
  receipt.message = "thanks, " + order.customer;
  receipt.count = order.items.length;
  receipt.total = order.total;
  Host.outputString(JSON.stringify(receipt));
  return 0;
}
