/// <reference types="@figma/plugin-typings" />
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { createFigmaFake } from "./create-figma-fake.js";

const RED: SolidPaint = { type: "SOLID", color: { r: 1, g: 0, b: 0 } };

function setup() {
  const fake = createFigmaFake();
  return { fake, figma: fake.figma };
}

describe("figma global", () => {
  it("starts with one current page in the document", () => {
    const { figma } = setup();
    expect(figma.root.type).toBe("DOCUMENT");
    expect(figma.root.children.map((p) => p.type)).toEqual(["PAGE"]);
    expect(figma.currentPage).toBe(figma.root.children[0]);
    expect(figma.currentPage.parent).toBe(figma.root);
  });

  it("throws for members it does not implement instead of returning undefined", () => {
    const { figma } = setup();
    expect(() => figma.createSlice()).toThrow("figma.createSlice is not implemented in the fake");
    expect(() => (figma as unknown as Record<string, unknown>).payments).toThrow("figma.payments is not implemented in the fake");
    expect(() => (figma.ui as unknown as Record<string, unknown>).nope).toThrow("figma.ui.nope is not implemented in the fake");
    const rect = figma.createRectangle();
    expect(() => rect.boundVariables).toThrow("rectangle node.boundVariables is not implemented in the fake");
  });

  it("refuses getNodeById like dynamic-page mode and finds nodes asynchronously", async () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    expect(() => figma.getNodeById(rect.id)).toThrow("Cannot call with documentAccess: dynamic-page");
    expect(await figma.getNodeByIdAsync(rect.id)).toBe(rect);
    rect.remove();
    expect(await figma.getNodeByIdAsync(rect.id)).toBeNull();
  });

  it("switches pages only through setCurrentPageAsync and fires currentpagechange", async () => {
    const { figma } = setup();
    const page = figma.createPage();
    let fired = 0;
    figma.on("currentpagechange", () => fired++);
    expect(() => {
      (figma as { currentPage: PageNode }).currentPage = page;
    }).toThrow(/setCurrentPageAsync/);
    await figma.setCurrentPageAsync(page);
    await Promise.resolve();
    expect(figma.currentPage).toBe(page);
    expect(fired).toBe(1);
    await expect(figma.loadAllPagesAsync()).resolves.toBeUndefined();
  });

  it("gives every node a unique n:m id", () => {
    const { figma } = setup();
    const ids = [figma.createFrame(), figma.createRectangle(), figma.createText(), figma.createEllipse()].map((n) => n.id);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^\d+:\d+$/);
  });

  it("records notifications, fonts and closePlugin", async () => {
    const { fake, figma } = setup();
    const handle = figma.notify("Filled 3 frames", { error: false });
    figma.notify("Something failed", { error: true });
    handle.cancel();
    expect(fake.notifications).toEqual(["Filled 3 frames", "Something failed"]);
    expect(fake.notificationLog.map((n) => [n.error, n.cancelled])).toEqual([
      [false, true],
      [true, false],
    ]);
    await figma.loadFontAsync({ family: "Inter", style: "Bold" });
    expect([...fake.loadedFonts]).toEqual(["Inter Bold"]);
    let closed = 0;
    figma.on("close", () => closed++);
    figma.closePlugin("Done");
    expect(fake.closed).toEqual({ message: "Done" });
    expect(closed).toBe(1);
  });

  it("encodes and decodes base64", () => {
    const { figma } = setup();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    expect(figma.base64Encode(bytes)).toBe("AAEC+v8=");
    expect([...figma.base64Decode("AAEC+v8=")]).toEqual([...bytes]);
  });

  it("keeps clientStorage as structured clones", async () => {
    const { figma } = setup();
    const value = { keys: ["a"], nested: { n: 1 } };
    await figma.clientStorage.setAsync("settings", value);
    value.nested.n = 2;
    const read = await figma.clientStorage.getAsync("settings");
    expect(read).toEqual({ keys: ["a"], nested: { n: 1 } });
    read.nested.n = 3;
    expect((await figma.clientStorage.getAsync("settings")).nested.n).toBe(1);
    expect(await figma.clientStorage.keysAsync()).toEqual(["settings"]);
    await figma.clientStorage.deleteAsync("settings");
    expect(await figma.clientStorage.getAsync("settings")).toBeUndefined();
    await expect(figma.clientStorage.setAsync("fn", () => 1)).rejects.toThrow();
  });

  it("fires run, selectionchange and once handlers", async () => {
    const fake = createFigmaFake({ command: "fill" });
    const { figma } = fake;
    const runs: unknown[] = [];
    let selections = 0;
    let once = 0;
    figma.on("run", (e) => runs.push(e));
    figma.on("selectionchange", () => selections++);
    figma.once("selectionchange", () => once++);
    expect(figma.command).toBe("fill");
    await fake.emit("run");
    expect(runs).toEqual([{ command: "fill" }]);
    const rect = figma.createRectangle();
    await fake.select([rect]);
    await fake.select([]);
    expect(selections).toBe(2);
    expect(once).toBe(1);
    figma.currentPage.selection = [rect];
    await Promise.resolve();
    expect(selections).toBe(3);
  });
});

describe("selection", () => {
  it("accepts nodes on the page and rejects nodes elsewhere", async () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    figma.currentPage.selection = [rect];
    expect(figma.currentPage.selection).toEqual([rect]);
    const other = figma.createPage();
    expect(() => {
      other.selection = [rect];
    }).toThrow(/is not a child of page/);
    other.appendChild(rect);
    expect(figma.currentPage.selection).toEqual([]);
  });

  it("drops removed nodes and cannot be mutated in place", () => {
    const { figma } = setup();
    const a = figma.createRectangle();
    const b = figma.createRectangle();
    figma.currentPage.selection = [a, b];
    a.remove();
    expect(figma.currentPage.selection).toEqual([b]);
    expect(() => (figma.currentPage.selection as SceneNode[]).push(a)).toThrow();
  });
});

describe("nodes", () => {
  it("re-parents on appendChild and insertChild, keeping x and y", () => {
    const { figma } = setup();
    const a = figma.createFrame();
    const b = figma.createFrame();
    const rect = figma.createRectangle();
    rect.x = 5;
    rect.y = 6;
    a.appendChild(rect);
    expect(rect.parent).toBe(a);
    b.insertChild(0, rect);
    expect(a.children).toEqual([]);
    expect(b.children).toEqual([rect]);
    expect([rect.x, rect.y]).toEqual([5, 6]);
    const second = figma.createEllipse();
    b.insertChild(0, second);
    expect(b.children.map((c) => c.type)).toEqual(["ELLIPSE", "RECTANGLE"]);
    expect(() => b.appendChild(b)).toThrow(/inside itself/);
    expect(() => b.insertChild(9, figma.createRectangle())).toThrow(/out of range/);
  });

  it("keeps relativeTransform, absoluteTransform and bounding boxes consistent", () => {
    const { figma } = setup();
    const frame = figma.createFrame();
    frame.x = 100;
    frame.y = 50;
    const rect = figma.createRectangle();
    frame.appendChild(rect);
    rect.resize(20, 10);
    rect.x = 10;
    rect.y = 5;
    expect(rect.relativeTransform).toEqual([
      [1, 0, 10],
      [0, 1, 5],
    ]);
    expect(rect.absoluteTransform).toEqual([
      [1, 0, 110],
      [0, 1, 55],
    ]);
    rect.rotation = 90;
    expect(rect.rotation).toBe(90);
    expect(rect.relativeTransform).toEqual([
      [0, 1, 10],
      [-1, 0, 5],
    ]);
    expect(rect.absoluteBoundingBox).toEqual({ x: 110, y: 35, width: 10, height: 20 });
    expect(rect.absoluteRenderBounds).toEqual({ x: 110, y: 35, width: 10, height: 20 });
    rect.visible = false;
    expect(rect.absoluteRenderBounds).toBeNull();
  });

  it("returns frozen fills and accepts only new arrays", () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    rect.fills = [RED];
    const fills = rect.fills as Paint[];
    expect(Object.isFrozen(fills)).toBe(true);
    expect(() => fills.push(RED)).toThrow();
    expect(() => {
      (fills[0] as { opacity: number }).opacity = 0.5;
    }).toThrow();
    rect.fills = [...fills, { ...RED, opacity: 0.5 }];
    expect((rect.fills as Paint[]).length).toBe(2);
    expect(() => {
      rect.fills = [{ type: "SOLID", color: { r: 1, g: 0, b: 0, a: 1 } as RGB }];
    }).toThrow(/Unrecognized key/);
    expect(() => {
      rect.fills = [{ type: "SOLID", color: { r: 2, g: 0, b: 0 } }];
    }).toThrow(/from 0 to 1/);
  });

  it("clones an instance as an instance of the same component next to the original", async () => {
    const { figma } = setup();
    const component = figma.createComponent();
    const inner = figma.createRectangle();
    component.appendChild(inner);
    const frame = figma.createFrame();
    const instance = component.createInstance();
    frame.appendChild(instance);
    frame.appendChild(figma.createEllipse());
    const copy = instance.clone();
    expect(copy.type).toBe("INSTANCE");
    expect(await copy.getMainComponentAsync()).toBe(component);
    expect(copy.id).not.toBe(instance.id);
    expect(frame.children.indexOf(copy)).toBe(1);
    expect(copy.children.map((c) => c.type)).toEqual(["RECTANGLE"]);
    expect(copy.children[0]!.id).not.toBe(instance.children[0]!.id);
    expect(() => instance.children[0]!.remove()).toThrow(/inside an instance/);
    expect(() => frame.appendChild(instance.children[0]!)).toThrow(/inside of an instance/);
  });

  it("turns nested components into instances when their parent is cloned", async () => {
    const { figma } = setup();
    const frame = figma.createFrame();
    const component = figma.createComponent();
    frame.appendChild(component);
    const copy = frame.clone();
    expect(copy.children[0]!.type).toBe("INSTANCE");
    expect(await (copy.children[0] as InstanceNode).getMainComponentAsync()).toBe(component);
  });

  it("copies plugin data and relaunch data into clones", () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    rect.setPluginData("brandfill", '{"v":1}');
    rect.setSharedPluginData("brandfill.shared", "k", "v");
    rect.setRelaunchData({ edit: "Edit fill" });
    const copy = rect.clone();
    expect(copy.getPluginData("brandfill")).toBe('{"v":1}');
    expect(copy.getPluginDataKeys()).toEqual(["brandfill"]);
    expect(copy.getSharedPluginData("brandfill.shared", "k")).toBe("v");
    expect(copy.getRelaunchData()).toEqual({ edit: "Edit fill" });
    rect.setPluginData("brandfill", "");
    expect(rect.getPluginDataKeys()).toEqual([]);
    expect(figma.root.getPluginData("x")).toBe("");
    figma.root.setPluginData("x", "1");
    expect(figma.root.getPluginData("x")).toBe("1");
  });

  it("finds nodes depth-first and by criteria", () => {
    const { figma } = setup();
    const frame = figma.createFrame();
    const inner = figma.createFrame();
    frame.appendChild(inner);
    const rect = figma.createRectangle();
    inner.appendChild(rect);
    const text = figma.createText();
    frame.appendChild(text);
    expect(frame.findAll().map((n) => n.type)).toEqual(["FRAME", "RECTANGLE", "TEXT"]);
    expect(frame.findOne((n) => n.type === "RECTANGLE")).toBe(rect);
    expect(frame.findAllWithCriteria({ types: ["TEXT", "RECTANGLE"] })).toEqual([rect, text]);
    rect.setPluginData("role", "hero");
    expect(figma.currentPage.findAllWithCriteria({ pluginData: { keys: ["role"] } })).toEqual([rect]);
  });

  it("deletes a group when its last child leaves", () => {
    const { fake, figma } = setup();
    const [group] = fake.loadRestDocument({
      id: "5:1",
      type: "GROUP",
      name: "G",
      children: [{ id: "5:2", type: "RECTANGLE", name: "r", absoluteBoundingBox: { x: 10, y: 20, width: 5, height: 5 } }],
    });
    expect([group!.x, group!.y, group!.width]).toEqual([10, 20, 5]);
    const rect = (group as GroupNode).children[0]!;
    figma.currentPage.appendChild(rect);
    expect(group!.removed).toBe(true);
  });

  it("moves group children when the group moves", () => {
    const { fake } = setup();
    const [group] = fake.loadRestDocument({
      id: "5:1",
      type: "GROUP",
      name: "G",
      children: [
        { id: "5:2", type: "RECTANGLE", name: "a", absoluteBoundingBox: { x: 10, y: 20, width: 5, height: 5 } },
        { id: "5:3", type: "RECTANGLE", name: "b", absoluteBoundingBox: { x: 30, y: 20, width: 5, height: 5 } },
      ],
    }) as GroupNode[];
    group!.x = 0;
    expect(group!.children.map((c) => c.x)).toEqual([0, 20]);
    expect(group!.width).toBe(25);
  });

  it("applies constraints on resize but not on resizeWithoutConstraints", () => {
    const { figma } = setup();
    const frame = figma.createFrame();
    frame.resize(100, 100);
    const right = figma.createRectangle();
    const stretch = figma.createRectangle();
    frame.appendChild(right);
    frame.appendChild(stretch);
    right.resize(10, 10);
    right.x = 80;
    right.constraints = { horizontal: "MAX", vertical: "CENTER" };
    stretch.resize(60, 10);
    stretch.x = 20;
    stretch.constraints = { horizontal: "STRETCH", vertical: "SCALE" };
    stretch.y = 50;
    frame.resize(200, 50);
    expect([right.x, right.y]).toEqual([180, -25]);
    expect([stretch.x, stretch.width, stretch.y, stretch.height]).toEqual([20, 160, 25, 5]);
    frame.resizeWithoutConstraints(100, 100);
    expect(right.x).toBe(180);
    expect(() => frame.resize(0, 10)).toThrow(/>=0.01/);
  });

  it("lays out auto-layout children and hugs them", () => {
    const { figma } = setup();
    const frame = figma.createFrame();
    frame.layoutMode = "VERTICAL";
    frame.counterAxisSizingMode = "AUTO";
    frame.paddingTop = 10;
    frame.paddingLeft = 5;
    frame.itemSpacing = 4;
    const a = figma.createRectangle();
    const b = figma.createRectangle();
    a.resize(30, 20);
    b.resize(50, 10);
    frame.appendChild(a);
    frame.appendChild(b);
    expect([a.x, a.y, b.x, b.y]).toEqual([5, 10, 5, 34]);
    expect([frame.width, frame.height]).toEqual([55, 44]);
    b.x = 99;
    expect(b.x).toBe(5);
  });

  it("requires loaded fonts before text edits", async () => {
    const { figma } = setup();
    const text = figma.createText();
    expect(() => {
      text.characters = "Hello";
    }).toThrow('Cannot write to node with unloaded font "Inter Regular"');
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
    text.characters = "Hello";
    text.fontSize = 20;
    expect(text.getRangeFontSize(0, 5)).toBe(20);
    expect(text.width).toBeGreaterThan(0);
    expect(() => {
      text.fontName = { family: "Inter", style: "Bold" };
    }).toThrow(/unloaded font "Inter Bold"/);
  });

  it("marks removed nodes and their descendants", () => {
    const { figma } = setup();
    const frame = figma.createFrame();
    const rect = figma.createRectangle();
    frame.appendChild(rect);
    frame.remove();
    expect([frame.removed, rect.removed]).toEqual([true, true]);
    expect(() => {
      rect.x = 1;
    }).toThrow(/has been removed/);
  });
});

describe("createImage", () => {
  it("accepts PNG, JPEG and GIF by their bytes and reports size", async () => {
    const { figma } = setup();
    const png = figma.createImage(encodePng(createRgbaImage(3, 2, [1, 2, 3, 255])));
    expect(png.hash).toMatch(/^[0-9a-f]{40}$/);
    expect(await png.getSizeAsync()).toEqual({ width: 3, height: 2 });
    expect(figma.getImageByHash(png.hash)!.hash).toBe(png.hash);
    const jpg = jpeg.encode({ width: 5, height: 4, data: new Uint8Array(5 * 4 * 4).fill(200) }, 80).data;
    expect(await figma.createImage(new Uint8Array(jpg)).getSizeAsync()).toEqual({ width: 5, height: 4 });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 7, 0, 9, 0, 0, 0, 0]);
    expect(await figma.createImage(gif).getSizeAsync()).toEqual({ width: 7, height: 9 });
    expect(figma.getImageByHash("0".repeat(40))).toBeNull();
  });

  it("rejects bytes that are not an image", () => {
    const { figma } = setup();
    expect(() => figma.createImage(new TextEncoder().encode("<svg></svg>"))).toThrow("Image type is unsupported");
  });

  it("rejects images over 4096 pixels on a side", () => {
    const { figma } = setup();
    expect(() => figma.createImage(encodePng(createRgbaImage(4097, 1)))).toThrow("Image is too large");
    expect(() => figma.createImage(encodePng(createRgbaImage(1, 4096)))).not.toThrow();
  });
});

describe("ui bridge", () => {
  it("records showUI and delivers clones both ways asynchronously", async () => {
    const { fake, figma } = setup();
    figma.showUI("<p>panel</p>", { width: 320, height: 480 });
    expect(fake.ui.html).toBe("<p>panel</p>");
    expect(fake.ui.options).toEqual({ width: 320, height: 480 });
    expect(fake.ui.visible).toBe(true);

    const received: unknown[] = [];
    figma.ui.onmessage = (msg) => {
      received.push(msg);
      figma.ui.postMessage({ type: "pong", echo: msg });
    };
    const onListener: unknown[] = [];
    figma.ui.on("message", (msg) => onListener.push(msg));
    const message = { type: "ping", data: new Uint8Array([1, 2]) };
    const reply = fake.ui.nextMessageFromMain();
    const sent = fake.ui.sendToMain(message);
    expect(received).toEqual([]);
    await sent;
    expect(received).toEqual([message]);
    expect(received[0]).not.toBe(message);
    expect(onListener).toEqual([message]);
    expect(await reply).toEqual({ type: "pong", echo: message });
    expect(fake.ui.messagesFromMain).toHaveLength(1);
  });

  it("surfaces errors thrown by main's message handler", async () => {
    const { fake, figma } = setup();
    figma.ui.onmessage = async () => {
      throw new Error("boom");
    };
    await expect(fake.ui.sendToMain({ type: "x" })).rejects.toThrow("boom");
  });
});
