/** Child: writes one workload with the project's sample generator. Args: dir, spec JSON, out. */
const fs = require("fs");
const { writeSamples } = require("../../lib/samples/cli.js");

const [dir, specJson, out] = process.argv.slice(2);
writeSamples(dir, JSON.parse(specJson)).then((written) => fs.writeFileSync(out, JSON.stringify({ written })));
