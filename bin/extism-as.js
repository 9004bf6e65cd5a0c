#!/usr/bin/env node
// The `extism-as` command; its code is src/cli, compiled to dist/cli.
import "../dist/cli/main.js";
