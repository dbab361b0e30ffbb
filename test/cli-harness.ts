import { main } from '../src/cli/main';

/** Runs the CLI in this process, as bin/headroom.js does, capturing its output streams. */
export function headroom(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  if (typeof code !== 'number') throw new Error('this command finishes asynchronously: use headroomAsync');
  return { code, stdout, stderr };
}

/** The same for commands that read the Hugging Face Hub or a file, with their environment. */
export async function headroomAsync(
  env: Record<string, string | undefined>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}
