import { main } from './main';

// The entry point of the built CLI (dist-cli/headroom.js, run by bin/headroom.js).
const code = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
if (typeof code === 'number') process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
