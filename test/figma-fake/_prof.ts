import { readFileSync } from "node:fs";
import { createFigmaFake } from "./create-figma-fake.js";
import { renderNode } from "./render-node.js";
import { encodePng } from "../../src/core/raster/png-codec.js";
const json = JSON.parse(readFileSync("/work/shared/fixtures/figma-rest/Hifumisama-Figma-Context-MCP__portfolio-home-1440__nodes.json", "utf8"));
const fake = createFigmaFake();
const [n] = fake.loadRestDocument(json);
for (let k = 0; k < 2; k++) {
const t0 = performance.now();
const img = renderNode(n as any, {}, fake.images);
const t1 = performance.now();
encodePng(img);
console.log("render", (t1 - t0).toFixed(0), "encode", (performance.now() - t1).toFixed(0));
}
