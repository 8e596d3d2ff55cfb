// `npm start` will run the whole product offline: the Stripe emulator, the reference server on PGlite with
// the demo catalog and seeded accounts, and the demo app. The demo app is not built yet, so say what exists
// and how to run it, rather than pretend.
console.log(`billing-kit: the one-command demo (\`npm start\`) is not wired up yet — the demo app is the next issue.

What runs today:
  npm run storybook                       every component on the mock scenarios (http://localhost:6006)
  npm run dev -w @billing-kit/stripe-emulator -- --port 12111 --webhook http://127.0.0.1:8787/api/billing/webhooks/stripe
  npm start -w @billing-kit/app-server    the reference server (see apps/server/README.md for its environment)
  npm test                                the whole suite`);
