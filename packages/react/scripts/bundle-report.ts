// `npm run bench` (bundle part): what each component costs a consumer, beside the peers of PERF.md.
import { bundleEntries, bundleTargets, measureBundle } from '../src/bundle-size.js';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
console.log('\nbundle sizes — esbuild --bundle --minify, gzip -9, react/react-dom/react-query external');
console.log('| import | min | min+gz | target |');
console.log('| --- | --- | --- | --- |');
for (const [name, source] of Object.entries(bundleEntries)) {
  const { minified, gzipped } = await measureBundle(source);
  const target = bundleTargets[name as keyof typeof bundleEntries];
  const verdict = target === undefined ? '' : `${kB(target)} ${gzipped <= target ? 'met' : 'NOT MET'}`;
  console.log(`| ${name} | ${kB(minified)} | ${kB(gzipped)} | ${verdict} |`);
}
console.log(
  'peers (PERF.md): Schematic everything 164 kB / PricingTable 139 kB; Flowglad 58 kB; autumn-js/react 13.3 kB',
);
