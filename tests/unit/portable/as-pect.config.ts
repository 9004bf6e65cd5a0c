// The unit tests of the default (portable) build, which must stay loadable on
// JS SDK 1.0.3: run by `npm run test:unit` with tests/unit/portable/as-pect.asconfig.json.
import { aspectConfig } from "extism-as-pdk/testing/aspect";

export default aspectConfig(["tests/unit/portable/*.spec.ts"]);
