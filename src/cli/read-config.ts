import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { configSizeProblem, MAX_CONFIG_BYTES } from '../importers/hf-config';
import { quoteInput } from '../core/input-text';
import { CliError } from './cli-error';

/**
 * A --config file's text, reading at most MAX_CONFIG_BYTES + 1 bytes: a wrong path such as
 * /dev/zero or a multi-gigabyte checkpoint is refused after one read of a megabyte instead of
 * being loaded whole (which ran out of memory after two minutes). Pipes and process substitution
 * (`--config <(curl …)`) are read the same way.
 */
export function readConfigFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new CliError(`cannot read --config ${quoteInput(path)}: ${why(e)}`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new CliError(`cannot read --config ${quoteInput(path)}: it is a directory`);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_CONFIG_BYTES) {
        throw new CliError(`${configSizeProblem(length) ?? 'config.json is too large'} (in ${quoteInput(path)})`);
      }
    }
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read --config ${quoteInput(path)}: ${why(e)}`);
  } finally {
    closeSync(fd);
  }
}

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return code ?? 'unreadable';
}
