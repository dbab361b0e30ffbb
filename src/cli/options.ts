import { parseArgs, type ParseArgsConfig } from 'node:util';
import { quoteInput } from '../core/input-text';
import { CliError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs refuses "--context -5" as ambiguous; joining a negative number to its flag
 * lets the value checks explain what is wrong with it instead.
 */
function joinNegativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

const HELP_HINT = "'headroom <command> --help' lists a command's options";

/**
 * A command's options, strictly: an unknown flag, a stray argument or a single-valued flag given
 * twice is a usage error (parseArgs would silently keep the last one).
 */
export function parseOptions<O extends Options>(rest: readonly string[], options: O) {
  const args = joinNegativeValues(rest);
  const seen = new Map<string, string>();
  for (const arg of args) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const name = m?.[1];
    if (name === undefined) continue;
    // Named here rather than by parseArgs, whose message repeats the whole flag twice.
    if (!Object.hasOwn(options, name)) throw new CliError(`Unknown option ${quoteInput(`--${name}`)}; ${HELP_HINT}`);
    const spec = options[name];
    if (!spec || spec.multiple === true || spec.type === 'boolean') continue;
    const before = seen.get(name);
    if (before !== undefined) throw new CliError(`--${name} is given twice; give it once`);
    seen.set(name, m?.[2] ?? '');
  }
  const { values, positionals } = parseArgs({ args, options, strict: true as const, allowPositionals: true as const });
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${quoteInput(positionals[0] ?? '')}; options start with --`);
  return values;
}
