/**
 * `tsx scripts/parallel.ts a b c`: runs the npm scripts a, b and c at once and prints each one's
 * output whole when it ends, so the check ladder's independent static checks (format, types,
 * lint) share the machine's cores; fails if any of them fails.
 */
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
const started = Date.now();
const results = await Promise.all(
  names.map(
    (name) =>
      new Promise<{ name: string; code: number; output: string; seconds: number }>((resolve) => {
        const child = spawn('npm', ['run', '-s', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        child.on('close', (code) => resolve({ name, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
      }),
  ),
);
for (const r of results) {
  process.stdout.write(
    `> ${r.name}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(1)} s\n`,
  );
  if (r.output.trim()) process.stdout.write(`${r.output.trimEnd()}\n`);
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
