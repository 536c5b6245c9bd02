/// <reference types="@figma/plugin-typings" />
import { type Affine, boundsOfBox, invertAffine, multiplyAffine } from "./affine-2x3.js";
import { type ChildrenApi, type FakeWorld, installChildrenApi, isTransparentContainer } from "./fake-base-node.js";
import { FakeSceneNode, installCorners, installGeometry, scaleChildren, unionRect } from "./fake-scene-node.js";
import { defineStored, oneOf } from "./node-props.js";

// ——————————————————————————————————————————————————————————— groups

/** GROUP and BOOLEAN_OPERATION: no own coordinate space, bounds derived from the children. */
export class FakeGroupNode extends FakeSceneNode {
  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    this._children = [];
  }

  /** Children's bounds in the container's space. */
  _childBounds(): Rect {
    let box: Rect | null = null;
    for (const child of this._children!) {
      const [w, h] = child._size();
      const b = boundsOfBox(child._localTransform(), w, h);
      box = box ? unionRect(box, b) : b;
    }
    return box ?? { x: 0, y: 0, width: 0, height: 0 };
  }
  override _localTransform(): Affine {
    const b = this._childBounds();
    return [
      [1, 0, b.x],
      [0, 1, b.y],
    ];
  }
  override _size(): [number, number] {
    const b = this._childBounds();
    return [b.width, b.height];
  }
  override get absoluteBoundingBox(): Rect | null {
    let box: Rect | null = null;
    for (const child of this._children!) {
      const b = child.absoluteBoundingBox!;
      box = box ? unionRect(box, b) : b;
    }
    return box;
  }
  /** Moves or turns the group by applying the change to every child (groups have no transform of their own). */
  override _setLocalTransform(t: Affine): void {
    const delta = multiplyAffine(t, invertAffine(this._localTransform()));
    for (const child of this._children!) {
      if (isTransparentContainer(child)) child._setLocalTransform(multiplyAffine(delta, child._localTransform()));
      else child._t = multiplyAffine(delta, child._t);
    }
    this._afterGeometryChange();
  }
  override _resizeTo(width: number, height: number, _applyConstraints: boolean): void {
    const [w, h] = this._size();
    const origin = this._localTransform();
    const sx = w > 0 ? width / w : 1;
    const sy = h > 0 ? height / h : 1;
    const toOrigin: Affine = [
      [1, 0, -origin[0][2]],
      [0, 1, -origin[1][2]],
    ];
    for (const child of this._children!) moveInto(child, toOrigin);
    scaleChildren(this, sx, sy);
    for (const child of this._children!) moveInto(child, invertAffine(toOrigin));
    this._afterGeometryChange();
  }
}
export interface FakeGroupNode extends ChildrenApi {}
installChildrenApi(FakeGroupNode);
defineStored(FakeGroupNode, { expanded: true, backgroundStyleId: "" });
Object.defineProperty(FakeGroupNode.prototype, "backgrounds", {
  configurable: true,
  get() {
    return Object.freeze([]);
  },
  set() {
    throw new Error("in set_backgrounds: Groups have no background");
  },
});

function moveInto(node: FakeSceneNode, m: Affine): void {
  if (isTransparentContainer(node)) for (const c of node._children!) moveInto(c, m);
  else node._t = multiplyAffine(m, node._t);
}

/** BOOLEAN_OPERATION: a group whose children's shapes combine into one shape painted with its own fills. */
export class FakeBooleanNode extends FakeGroupNode {}
installGeometry(FakeBooleanNode, "INSIDE");
installCorners(FakeBooleanNode);
defineStored(FakeBooleanNode, { booleanOperation: "UNION" }, { booleanOperation: oneOf("booleanOperation", ["UNION", "INTERSECT", "SUBTRACT", "EXCLUDE"]) });
