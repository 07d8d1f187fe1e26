// `npm run bench`: runs each area's benchmark in turn and prints its figures.
// Each area module exports `bench(): Promise<void>`; an area can be named to run it alone.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const areas = ['analysis', 'render', 'preview', 'delivery', 'bundles', 'scale'];
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? areas.filter((a) => wanted.includes(a)) : areas;

console.log(`digest bench: node ${process.version}, ${process.platform}/${process.arch}`);
for (const area of selected) {
  const file = join(here, `${area}.ts`);
  if (!existsSync(file)) {
    console.log(`\n== ${area}: no benchmark yet`);
    continue;
  }
  console.log(`\n== ${area}`);
  const mod = (await import(file)) as { bench: () => Promise<void> };
  await mod.bench();
}
