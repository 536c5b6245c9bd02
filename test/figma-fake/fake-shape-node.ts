/// <reference types="@figma/plugin-typings" />
import type { FakeWorld } from "./fake-base-node.js";
import { FakeSceneNode, installConstraints, installCorners, installGeometry } from "./fake-scene-node.js";
import { defineMissing, defineStored } from "./node-props.js";

// ——————————————————————————————————————————————————————————— shapes

/** RECTANGLE, ELLIPSE, POLYGON, STAR, VECTOR, LINE. */
export class FakeShapeNode extends FakeSceneNode {
  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    if (type === "LINE") this._h = 0;
  }
}
installGeometry(FakeShapeNode, "INSIDE");
installConstraints(FakeShapeNode);
installCorners(FakeShapeNode);
defineStored(FakeShapeNode, {
  pointCount: 3,
  innerRadius: 0.38196611404418945,
  arcData: { startingAngle: 0, endingAngle: 6.2831854820251465, innerRadius: 0 },
  booleanOperation: "UNION",
  variableWidthStrokeProperties: null,
  complexStrokeProperties: { type: "BASIC" },
});
defineMissing(FakeShapeNode, [
  "vectorNetwork",
  "setVectorNetworkAsync",
  "vectorPaths",
  "handleMirroring",
  "strokeTopWeight",
  "strokeBottomWeight",
  "strokeLeftWeight",
  "strokeRightWeight",
]);
