import { parseArgs, type ParseArgsConfig } from 'node:util';
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

/** Cuts a value the user typed for an error message: long input is not echoed back whole. */
export function quoted(raw: string, max = 40): string {
  const chars = Array.from(raw);
  return `'${chars.length > max ? `${chars.slice(0, max).join('')}…` : raw}'`;
}

/**
 * A command's options, strictly: an unknown flag, a stray argument or a single-valued flag given
 * twice is a usage error (parseArgs would silently keep the last one).
 */
export function parseOptions<O extends Options>(rest: readonly string[], options: O) {
  const args = joinNegativeValues(rest);
  const seen = new Map<string, string>();
  for (const arg of args) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    if (name === undefined || !Object.hasOwn(options, name)) continue;
    const spec = options[name];
    if (!spec || spec.multiple === true || spec.type === 'boolean') continue;
    const before = seen.get(name);
    if (before !== undefined) throw new CliError(`--${name} is given twice; give it once`);
    seen.set(name, m?.[2] ?? '');
  }
  const { values, positionals } = parseArgs({ args, options, strict: true as const, allowPositionals: true as const });
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${quoted(positionals[0] ?? '')}; options start with --`);
  return values;
}
