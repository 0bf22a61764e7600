/** The few figures the pane shows after a build: computed by the engine's build (core/summary.ts). */
export { summarise, type BuildSummary } from "../core";
