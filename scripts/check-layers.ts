/**
 * The layers of docs/architecture.md, checked:
 *   1. ESLint with the layer rules only (`layerRules` in eslint.config.mjs) over lib/ app/
 *      components/ server.ts worker.ts: which folder may import which;
 *   2. the folder-level import graph of lib/: no cycle between top-level folders, and every
 *      folder placed in a layer.
 * `--cycles-only` runs step 2 alone, for `npm run lint`: ~3 s, most of it loading the ESLint config.
 * (import/no-cycle would see only file cycles, and it doubled lint time: decision 010.)
 *
 *   node --import tsx scripts/check-layers.ts [--cycles-only]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..");
const cyclesOnly = process.argv.includes("--cycles-only");

type LayerMap = Record<string, readonly string[]>;
// eslint.config.mjs is plain JS (no declarations): loaded by URL, typed here.
const eslintConfig = (await import(pathToFileURL(path.join(root, "eslint.config.mjs")).href)) as {
  LAYERS: LayerMap;
  layerLintConfig: ESLint.Options["overrideConfig"];
};

let failed = false;
if (!cyclesOnly) failed = (await checkBoundaries()) || failed;
failed = checkFolders(eslintConfig.LAYERS) || failed;
process.exit(failed ? 1 : 0);

/** ESLint with the layer rules only; prints the problems and a count per folder and rule message. */
async function checkBoundaries(): Promise<boolean> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: eslintConfig.layerLintConfig });
  const results = await eslint.lintFiles(["lib", "app", "components", "server.ts", "worker.ts"]);
  const problems = results.flatMap((r) => r.messages.map((m) => ({ file: path.relative(root, r.filePath), ...m })));
  if (problems.length === 0) {
    console.log("layers: no boundary violations");
    return false;
  }
  console.log((await eslint.loadFormatter("stylish")).format(results) as string);
  const counts = new Map<string, number>();
  for (const p of problems) {
    const key = `${topFolder(p.file)}: ${p.message.replace(/^Unexpected path "[^"]*" imported in restricted zone\. /, "")}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log(`layers: ${problems.length} boundary violation(s)`);
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${key}`);
  return true;
}

/** Builds lib/'s folder graph from every import (type-only too; not tests) and fails on a cycle or an unplaced folder. */
function checkFolders(layers: LayerMap): boolean {
  let failedHere = false;
  const folders = readdirSync(path.join(root, "lib")).filter((f) => statSync(path.join(root, "lib", f)).isDirectory());
  const placed = new Set(Object.values(layers).flat());
  const unplaced = folders.filter((f) => !placed.has(f));
  if (unplaced.length > 0) {
    failedHere = true;
    console.log(`layers: lib/${unplaced.join(", lib/")} not placed in any layer: add to LAYERS in eslint.config.mjs`);
  }

  const edges = folderEdges();
  const cycles = stronglyConnected([...new Set([...edges.keys()].flatMap((k) => k.split(" ")))], edges).filter((c) => c.length > 1);
  if (cycles.length === 0) {
    console.log(`layers: no import cycle between lib/ folders (${edges.size} folder arrows)`);
    return failedHere;
  }
  const pairs = [...edges.keys()].map((k) => k.split(" ")).filter(([from, to]) => from < to && edges.has(`${to} ${from}`));
  if (pairs.length > 0) console.log(`layers: ${pairs.length} folder pair(s) import each other: ${pairs.map(([a, b]) => `${a}⇄${b}`).join(", ")}`);
  for (const cycle of cycles) {
    console.log(`layers: import cycle among ${cycle.length} folders: lib/${cycle.join(", lib/")}`);
    for (const [key, samples] of [...edges].sort()) {
      const [from, to] = key.split(" ");
      if (!cycle.includes(from) || !cycle.includes(to)) continue;
      const back = edges.has(`${to} ${from}`) ? "  (both ways)" : "";
      console.log(`  lib/${from} → lib/${to}: ${samples.length} import(s), e.g. ${samples[0]}${back}`);
    }
  }
  return true;
}

/** "from to" → sample "file → imported file" lines, for every import between two different lib/ folders. */
function folderEdges(): Map<string, string[]> {
  const tsconfig = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile).config as { compilerOptions: object };
  const options = ts.convertCompilerOptionsFromJson(tsconfig.compilerOptions, root).options;
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(root, "lib"))) {
    const from = libFolder(file);
    for (const spec of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const resolved = ts.resolveModuleName(spec.fileName, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const to = libFolder(resolved.resolvedFileName);
      if (!from || !to || from === to) continue;
      const key = `${from} ${to}`;
      const list = edges.get(key) ?? [];
      list.push(`${path.relative(root, file)} → ${path.relative(root, resolved.resolvedFileName)}`);
      edges.set(key, list);
    }
  }
  return edges;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sourceFiles(full);
    // Unit tests sit above everything they test: their imports are no part of the folder graph.
    return /\.(ts|tsx)$/.test(e.name) && !/\.(d|test)\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function libFolder(file: string): string | undefined {
  const rel = path.relative(path.join(root, "lib"), file).split(path.sep);
  return rel.length > 1 && rel[0] !== ".." ? rel[0] : undefined;
}

function topFolder(file: string): string {
  const parts = file.split(path.sep);
  return parts[0] === "lib" && parts.length > 2 ? `lib/${parts[1]}` : parts.length > 1 ? parts[0] : file;
}

/** Tarjan's strongly connected components of the folder graph. */
function stronglyConnected(nodes: string[], edges: Map<string, string[]>): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const key of edges.keys()) {
    const [from, to] = key.split(" ");
    next.get(from)!.push(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (n: string) => {
    index.set(n, index.size);
    low.set(n, index.get(n)!);
    stack.push(n);
    onStack.add(n);
    for (const m of next.get(n)!) {
      if (!index.has(m)) {
        visit(m);
        low.set(n, Math.min(low.get(n)!, low.get(m)!));
      } else if (onStack.has(m)) low.set(n, Math.min(low.get(n)!, index.get(m)!));
    }
    if (low.get(n) === index.get(n)) {
      const component: string[] = [];
      let m: string;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        component.push(m);
      } while (m !== n);
      components.push(component.sort());
    }
  };
  for (const n of nodes.sort()) if (!index.has(n)) visit(n);
  return components;
}
