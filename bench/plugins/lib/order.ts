// The JSON workload's types, shared by this PDK's two JSON plug-ins (hand-written and typed).

@json
export class Order {
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
export class Receipt {
  id: i64 = 0;
  message: string = "";
  count: i32 = 0;
  total: f64 = 0;
}
