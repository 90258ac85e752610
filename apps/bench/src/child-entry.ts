// Entry of a benchmark child process: node child-entry.ts <module-url> <export> <json-args>.
const [moduleUrl, exportName, json] = process.argv.slice(2);
const mod = (await import(moduleUrl!)) as Record<string, (...args: unknown[]) => unknown>;
const fn = mod[exportName!];
if (typeof fn !== 'function') throw new TypeError(`${moduleUrl} has no exported function ${exportName}`);
const result = await fn(...(JSON.parse(json!) as unknown[]));
console.log(`@@result ${JSON.stringify(result)}`);
process.exit(0);
