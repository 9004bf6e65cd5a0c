// This PDK, as a typed plug-in function: JSON in, JSON out.
import "extism-as-pdk";

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

export function json(order: Order): Receipt {
  const receipt = new Receipt();
  receipt.id = order.id;
  receipt.message = "thanks, " + order.customer;
  receipt.count = order.items.length;
  receipt.total = order.total;
  return receipt;
}
