/**
 * What every CLI command shares: where output goes, one-line errors, and the rules for files a command writes
 * (never the input, never an existing file unless --force, always atomically).
 */
import fs = require('fs');
import * as path from 'path';
import { randomBytes } from 'crypto';

/** Where a command writes; tests pass their own to capture output without a child process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A problem the user can fix (bad arguments, a file in the way): shown as one line, exit code 2 for usage. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
    Object.setPrototypeOf(this, CliError.prototype);
  }
}

/** A one-line message for any error; a stack only when SALESOPS_DEBUG is set (users never see one by default). */
export function errorLine(e: unknown): string {
  if (process.env.SALESOPS_DEBUG && e instanceof Error && e.stack) return e.stack;
  const message = e instanceof Error ? e.message : String(e);
  const line = message.split('\n')[0].trim() || 'unknown error';
  const expected = e instanceof Error && ['CliError', 'XlsxFileError', 'SalesOpsError'].includes(e.name);
  return expected ? line : `internal error: ${line} (set SALESOPS_DEBUG=1 for details)`;
}

/**
 * True when two paths name the same file, however spelled: `./a.xlsx`, `dir/../a.xlsx`, a symlink, a hard link,
 * or another letter case on a case-insensitive file system.
 */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    const abs = path.resolve(p);
    try {
      return fs.realpathSync.native(abs);
    } catch {
      try {
        return path.join(fs.realpathSync.native(path.dirname(abs)), path.basename(abs));
      } catch {
        return abs;
      }
    }
  };
  if (real(a) === real(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Writes a file atomically: the bytes go to a temporary file in the same folder (same file system, so the final
 * step is a rename, never a copy), are flushed to disk, then take the target's name. Readers see the old file or
 * the whole new one, never half. Without `overwrite`, a target that appears meanwhile is not replaced.
 */
export function writeFileAtomic(target: string, data: Uint8Array, overwrite: boolean): void {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o644);
  try {
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (overwrite) fs.renameSync(temp, target);
    else {
      // link() fails if the target exists: no window in which another file could be clobbered.
      try {
        fs.linkSync(temp, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST')
          throw new CliError(`${target} already exists; pass --force to replace it`);
        // File systems without hard links: the existence check before writing has to do.
        if (fs.existsSync(target)) throw new CliError(`${target} already exists; pass --force to replace it`);
        fs.renameSync(temp, target);
      }
    }
  } finally {
    if (fs.existsSync(temp)) fs.unlinkSync(temp);
  }
}

/** Parses `--name value`, `--name=value` and flags; positional arguments in order. Unknown options are usage errors. */
export function parseArgs(
  args: string[],
  spec: { flags: string[]; options: string[] },
): { positional: string[]; flags: Set<string>; options: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (spec.flags.includes(name) && inline === undefined) flags.add(name);
    else if (spec.options.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new CliError(`${name} needs a value`, 2);
      options.set(name, value);
    } else throw new CliError(`unknown option ${name}`, 2);
  }
  return { positional, flags, options };
}
