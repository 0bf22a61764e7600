#!/usr/bin/env node
"use strict";
// The compiled command line (npm run build:cli → lib/). Exit codes: 0 ok, 1 bad input, 2 usage.
require("../lib/cli/main.js").run();
