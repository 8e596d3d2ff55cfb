export * from './billing-provider.js';
export * from './format.js';
export * from './hooks/use-billing-mutations.js';
export * from './hooks/use-billing-queries.js';
export * from './usage-meter/usage-meter.js';
export * from './usage-meter/usage-meters.js';
export * from './usage-meter/use-usage-meter.js';
