import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // `*.alone.test.ts` files assert wall-clock behaviour (e.g. 12 sizes in under 4 s): `npm test`
    // runs them in a second pass on their own, so the rest of the suite does not steal their CPU.
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: forks keep native modules (sharp) and servers isolated per file.
    pool: "forks",
  },
});
