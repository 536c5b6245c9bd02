/// <reference types="@figma/plugin-typings" />
import { deepFreeze } from "./node-props.js";
import { strictObject } from "./fake-ui-bridge.js";

interface StoredVariable {
  id: string;
  /** Set for a library variable (imported by key): not a local variable of the file. */
  remoteKey?: string;
  name: string;
  resolvedType: VariableResolvedDataType;
  variableCollectionId: string;
  valuesByMode: Record<string, VariableValue>;
}
interface StoredCollection {
  id: string;
  remoteKey?: string;
  name: string;
  modes: Array<{ modeId: string; name: string }>;
  variableIds: string[];
}

/**
 * `figma.variables` for local variables, with the shapes of plugin-api.d.ts (`VariablesAPI`, `Variable`,
 * `VariableCollection`): ids "VariableID:…" / "VariableCollectionId:…", `valuesByMode` keyed by mode id,
 * COLOR values as `RGB`/`RGBA` (0–1) or a `VariableAlias` `{ type: "VARIABLE_ALIAS", id }`, the
 * collection's first mode as `defaultModeId`. Library variables: `publish` puts COLOR variables in an
 * enabled library; `figma.teamLibrary` lists them (`LibraryVariableCollection { name, key, libraryName }`,
 * `LibraryVariable { name, key, resolvedType }`) and `importVariableByKeyAsync` makes them readable
 * (remote, never among the local variables).
 * @param onLocalRead called on each `getLocalVariablesAsync` (tests count palette reads).
 */
export function createFakeVariables(onLocalRead: () => void): {
  api: VariablesAPI;
  teamLibrary: TeamLibraryAPI;
  publish(library: string, collection: string, colours: Record<string, RGB>): void;
} {
  const library: Array<{ collection: LibraryVariableCollection; variables: Array<LibraryVariable & { value: RGB }> }> = [];
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
        get remote() {
          return v.remoteKey !== undefined;
        },
        key: v.remoteKey ?? `fake-variable-key-${v.id}`,
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
      return [...vars.values()].filter((v) => !v.remoteKey && (!type || v.resolvedType === type)).map(variableView);
    },
    async getLocalVariableCollectionsAsync() {
      return [...collections.values()].filter((c) => !c.remoteKey).map(collectionView);
    },
    async getVariableByIdAsync(id: string) {
      const v = vars.get(id);
      return v ? variableView(v) : null;
    },
    async getVariableCollectionByIdAsync(id: string) {
      const c = collections.get(id);
      return c ? collectionView(c) : null;
    },
    async importVariableByKeyAsync(key: string) {
      const existing = [...vars.values()].find((v) => v.remoteKey === key);
      if (existing) return variableView(existing);
      for (const entry of library) {
        const found = entry.variables.find((v) => v.key === key);
        if (!found) continue;
        let c = [...collections.values()].find((x) => x.remoteKey === entry.collection.key);
        if (!c) {
          c = {
            id: `VariableCollectionId:${counter++}:0`,
            remoteKey: entry.collection.key,
            name: entry.collection.name,
            modes: [{ modeId: `${counter++}:0`, name: "Mode 1" }],
            variableIds: [],
          };
          collections.set(c.id, c);
        }
        const v: StoredVariable = {
          id: `VariableID:${counter++}:0`,
          remoteKey: key,
          name: found.name,
          resolvedType: "COLOR",
          variableCollectionId: c.id,
          valuesByMode: { [c.modes[0]!.modeId]: { ...found.value } },
        };
        vars.set(v.id, v);
        c.variableIds.push(v.id);
        return variableView(v);
      }
      throw new Error(`in importVariableByKeyAsync: No published variable with key ${JSON.stringify(key)}`);
    },
  };
  const teamLibrary = {
    async getAvailableLibraryVariableCollectionsAsync() {
      return library.map((l) => ({ ...l.collection }));
    },
    async getVariablesInLibraryCollectionAsync(key: string) {
      const entry = library.find((l) => l.collection.key === key);
      if (!entry) throw new Error(`in getVariablesInLibraryCollectionAsync: No library collection with key ${JSON.stringify(key)}`);
      return entry.variables.map(({ name, key: k, resolvedType }) => ({ name, key: k, resolvedType }));
    },
  };
  return {
    api: strictObject(api, "figma.variables") as unknown as VariablesAPI,
    teamLibrary: strictObject(teamLibrary, "figma.teamLibrary") as unknown as TeamLibraryAPI,
    publish(libraryName, name, colours) {
      const collection = { name, key: `fake-library-collection-${library.length + 1}`, libraryName };
      const variables = Object.entries(colours).map(([n, value], i) => ({ name: n, key: `${collection.key}/${i}`, resolvedType: "COLOR" as const, value }));
      library.push({ collection, variables });
    },
  };
}
