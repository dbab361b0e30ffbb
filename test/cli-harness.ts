import { main } from '../src/cli/main';

/** Runs the CLI in this process, as bin/headroom.js does, capturing its output streams. */
export function headroom(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}
