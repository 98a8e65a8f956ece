/**
 * Makes sure a Debian package's file is there: installs the package with apt-get when the file is missing and this
 * runs as root (as on the project's machines), else says what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureDebianFile(file: string, debianPackage: string): string {
  if (existsSync(file)) return file;
  if (process.getuid?.() !== 0) throw new Error(`${file} is missing: install the Debian package ${debianPackage} (apt-get install ${debianPackage})`);
  process.stderr.write(`installing the Debian package ${debianPackage} for ${file}\n`);
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(file)) throw new Error(`${debianPackage} is installed but ${file} is still missing`);
  return file;
}
