/** Unit, adapter and end-to-end tests share one run: `npm test` is what CI executes. */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true, diagnostics: false }];
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: { "^.+\\.(ts|tsx)$": tsJest },
  moduleNameMapper: {
    // office-addin-mock imports office-addin-manifest, whose ESM-only chain breaks Jest on Node 20.
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js",
  },
  testTimeout: 60000,
};
