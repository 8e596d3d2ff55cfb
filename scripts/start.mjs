// `npm start` will run the whole product offline (stripe emulator, reference server on PGlite, demo app).
// Until those parts land, say honestly what is missing instead of pretending.
console.log(`billing-kit: \`npm start\` is not wired up yet.

What exists today: the contracts, the typed client and the MSW mocks (\`npm test\` exercises them).
Still to come (see the issues): the stripe emulator, the reference server on PGlite, and the demo app.`);
