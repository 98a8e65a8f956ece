/**
 * Sums the self time of a V8 CPU profile (`node --cpu-prof`, a `.cpuprofile` file) per function and per file or
 * package, and prints the largest shares: what a run spent its CPU on.
 *
 * Usage: tsx bench/profileSummary.ts FILE.cpuprofile [--top=N] [--until=NAME]
 *   --until=NAME  only the samples before the first one with a function NAME on its stack (for start-up: what ran
 *                 before, say, the first `respond`)
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A package name for files under node_modules, the path after dist/ for the app's own, else the URL. */
function fileGroup(url: string): string {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

const file = process.argv[2];
if (!file) throw new Error('usage: profileSummary FILE.cpuprofile [--top=N]');
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const stackHas = (id: number, name: string) => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)!.callFrame.functionName === name) return true;
  return false;
};
const until = process.argv.find((a) => a.startsWith('--until='))?.slice('--until='.length);
const selfUs = new Map<number, number>();
let elapsedUs = 0;
for (const [i, id] of profile.samples.entries()) {
  if (until && stackHas(id, until)) {
    process.stdout.write(`first ${until} at ${(elapsedUs / 1000).toFixed(0)} ms after the profile's start\n`);
    break;
  }
  const delta = profile.timeDeltas[i] ?? 0;
  elapsedUs += delta;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const perFunction = new Map<string, number>();
const perFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const group = fileGroup(url);
  const key = `${functionName || '(anonymous)'} ${group}:${lineNumber + 1}`;
  perFunction.set(key, (perFunction.get(key) ?? 0) + us);
  perFile.set(group, (perFile.get(group) ?? 0) + us);
}
// Inclusive: each sample counts once for every file or package on its stack (what happens under that code).
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const groups = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) groups.add(fileGroup(byId.get(at)!.callFrame.url));
  for (const group of groups) inclusive.set(group, (inclusive.get(group) ?? 0) + us);
}
// Inclusive per function of the app's own code (dist/src): where its time goes, callees included.
const inclusiveOwn = new Map<string, number>();
for (const [id, us] of selfUs) {
  const keys = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
    if (url.includes('/dist/src/')) keys.add(`${functionName || '(anonymous)'} ${fileGroup(url)}:${lineNumber + 1}`);
  }
  for (const key of keys) inclusiveOwn.set(key, (inclusiveOwn.get(key) ?? 0) + us);
}
const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}\n`);
  }
};
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
print('self time per file or package', perFile);
print('self time per function', perFunction);
print('inclusive time per file or package', inclusive);
print("inclusive time per function of the app's own code", inclusiveOwn);
