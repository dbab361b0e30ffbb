import { main } from './main';

// The entry point of the built CLI (dist-cli/headroom.js, run by bin/headroom.js).
process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
