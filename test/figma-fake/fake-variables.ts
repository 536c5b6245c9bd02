/// <reference types="@figma/plugin-typings" />
import { deepFreeze, notImplemented } from "./node-props.js";
import { strictObject } from "./fake-ui-bridge.js";

interface StoredVariable {
  id: string;
  name: string;
  resolvedType: VariableResolvedDataType;
  variableCollectionId: string;
  valuesByMode: Record<string, VariableValue>;
}
interface StoredCollection {
  id: string;
  name: string;
  modes: Array<{ modeId: string; name: string }>;
  variableIds: string[];
}

/**
 * `figma.variables` for local variables, with the shapes of plugin-api.d.ts (`VariablesAPI`, `Variable`,
 * `VariableCollection`): ids "VariableID:…" / "VariableCollectionId:…", `valuesByMode` keyed by mode id,
 * COLOR values as `RGB`/`RGBA` (0–1) or a `VariableAlias` `{ type: "VARIABLE_ALIAS", id }`, the
 * collection's first mode as `defaultModeId`. Library variables (`importVariableByKeyAsync`) are not implemented.
 * @param onLocalRead called on each `getLocalVariablesAsync` (tests count palette reads).
 */
export function createFakeVariables(onLocalRead: () => void): { api: VariablesAPI } {
  const vars = new Map<string, StoredVariable>();
  const collections = new Map<string, StoredCollection>();
  let counter = 1;

  const collectionView = (c: StoredCollection): VariableCollection =>
    strictObject(
      {
        get id() {
          return c.id;
        },
        get name() {
          return c.name;
        },
        get modes() {
          return deepFreeze(c.modes.map((m) => ({ ...m })));
        },
        get defaultModeId() {
          return c.modes[0]!.modeId;
        },
        get variableIds() {
          return [...c.variableIds];
        },
        remote: false,
        hiddenFromPublishing: false,
        key: `fake-collection-key-${c.id}`,
        addMode(name: string) {
          const modeId = `${counter++}:0`;
          c.modes.push({ modeId, name });
          return modeId;
        },
      },
      "figma.VariableCollection",
    ) as unknown as VariableCollection;

  const variableView = (v: StoredVariable): Variable =>
    strictObject(
      {
        get id() {
          return v.id;
        },
        get name() {
          return v.name;
        },
        get resolvedType() {
          return v.resolvedType;
        },
        get variableCollectionId() {
          return v.variableCollectionId;
        },
        get valuesByMode() {
          return deepFreeze(structuredClone(v.valuesByMode));
        },
        remote: false,
        key: `fake-variable-key-${v.id}`,
        description: "",
        scopes: ["ALL_SCOPES"],
        setValueForMode(modeId: string, value: VariableValue) {
          const collection = collections.get(v.variableCollectionId)!;
          if (!collection.modes.some((m) => m.modeId === modeId)) throw new Error(`in setValueForMode: Invalid mode id ${JSON.stringify(modeId)}`);
          checkValue(v, value);
          v.valuesByMode[modeId] = structuredClone(value);
        },
      },
      "figma.Variable",
    ) as unknown as Variable;

  const checkValue = (v: StoredVariable, value: VariableValue) => {
    if (value && typeof value === "object" && "type" in value && value.type === "VARIABLE_ALIAS") {
      const target = vars.get(value.id);
      if (!target) throw new Error(`in setValueForMode: The alias points to a variable that does not exist (${value.id})`);
      if (target.resolvedType !== v.resolvedType) throw new Error(`in setValueForMode: Cannot alias a ${v.resolvedType} variable to a ${target.resolvedType} one`);
      return;
    }
    if (v.resolvedType === "COLOR") {
      const c = value as Partial<RGBA>;
      const ok = c && typeof c === "object" && ["r", "g", "b"].every((k) => typeof c[k as "r"] === "number" && c[k as "r"]! >= 0 && c[k as "r"]! <= 1);
      if (!ok) throw new Error("in setValueForMode: A COLOR value must be {r, g, b[, a]} with channels from 0 to 1, or a variable alias");
    }
  };

  const api = {
    createVariableCollection(name: string) {
      const c: StoredCollection = { id: `VariableCollectionId:${counter++}:0`, name, modes: [{ modeId: `${counter++}:0`, name: "Mode 1" }], variableIds: [] };
      collections.set(c.id, c);
      return collectionView(c);
    },
    createVariable(name: string, collection: VariableCollection, resolvedType: VariableResolvedDataType) {
      const c = collections.get(collection?.id);
      if (!c) throw new Error("in createVariable: Expected a variable collection of this file");
      const v: StoredVariable = { id: `VariableID:${counter++}:0`, name, resolvedType, variableCollectionId: c.id, valuesByMode: {} };
      vars.set(v.id, v);
      c.variableIds.push(v.id);
      return variableView(v);
    },
    async getLocalVariablesAsync(type?: VariableResolvedDataType) {
      onLocalRead();
      return [...vars.values()].filter((v) => !type || v.resolvedType === type).map(variableView);
    },
    async getLocalVariableCollectionsAsync() {
      return [...collections.values()].map(collectionView);
    },
    async getVariableByIdAsync(id: string) {
      const v = vars.get(id);
      return v ? variableView(v) : null;
    },
    async getVariableCollectionByIdAsync(id: string) {
      const c = collections.get(id);
      return c ? collectionView(c) : null;
    },
    async importVariableByKeyAsync(): Promise<never> {
      throw notImplemented("figma.variables", "importVariableByKeyAsync");
    },
  };
  return { api: strictObject(api, "figma.variables") as unknown as VariablesAPI };
}
