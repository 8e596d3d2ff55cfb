import { activityOf } from './src/store/accounts.ts';
import { metrics } from './src/store/admin-metrics.ts';
import { allInvoices } from './src/store/admin-operations.ts';
import { createMockStore } from './src/store/mock-store.ts';

let t = performance.now();
const store = createMockStore('admin');
console.log('build', performance.now() - t);
t = performance.now();
let g = 0,
  u = 0,
  i = 0;
for (const account of store.accounts.values()) {
  const a = activityOf(account);
  g += a.grants.length;
  u += a.usage.length;
  i += a.invoices.length;
}
console.log('materialize', performance.now() - t, { g, u, i });
t = performance.now();
allInvoices(store, {});
console.log('invoices', performance.now() - t);
t = performance.now();
metrics(store, { granularity: 'month' });
console.log('metrics', performance.now() - t);
t = performance.now();
metrics(store, { granularity: 'month' });
console.log('metrics2', performance.now() - t);
