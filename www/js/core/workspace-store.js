// Autosave records of the Workspace in IndexedDB (used inside the workspace worker), written in
// slices so that saving a large working set never holds the worker long:
//
//   "meta":                           { schema: "bizenv-workspace", version: 2, savedAt, meta,
//                                       page, generation, indicators: { ID: { generation,
//                                       chunks, revision } } }
//   ["chunk", ID, generation, n]:     { id, generation, n, cases }   (JSON text of an array)
//
// A save is one generation: its chunks are written first, each in its own short transaction
// (the worker answers the page between them), then `commit` puts the meta record naming the
// generation of each indicator's chunks and deletes the chunks it supersedes, in one
// transaction. A reader uses only the chunks the meta record names, so a save that stopped
// half-way (a crash, a closed tab) leaves the previous autosave whole; its chunks are orphans,
// deleted by the next commit. An indicator not written again keeps its older generation.
//
// Version 1 (before slices) kept one record per indicator, "indicator:ID": { id, revision,
// cases }; they are still read, and the first save after restoring them writes everything in
// chunks and deletes them.

const DB_NAME = "bizenv-workspace";
const STORE = "records";
const SCHEMA = "bizenv-workspace";
const VERSION = 2;
const META = "meta";
const LEGACY_PREFIX = "indicator:";
/** Every chunk key, ["chunk", id, generation, n], lies in this range (arrays sort after strings). */
const CHUNKS = () => IDBKeyRange.bound(["chunk"], ["chunk", []]);

function openDb() {
  return new Promise((resolve) => {
    let request;
    try {
      if (!globalThis.indexedDB) return resolve(null);
      request = indexedDB.open(DB_NAME, 1);
    } catch {
      return resolve(null);
    }
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
}

function transaction(db, mode, run) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let result;
    try {
      result = run(tx.objectStore(STORE));
    } catch (error) {
      tx.abort();
      reject(error);
      return;
    }
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("aborted"));
  });
}

const isLegacyKey = (key) => typeof key === "string" && key.startsWith(LEGACY_PREFIX);

/** The store, or null when IndexedDB cannot be used here (opaque origin, blocked, absent). */
export async function createWorkspaceStore() {
  const db = await openDb();
  if (!db) return null;
  /** What the last meta record holds (or will, once read): kept to write it again. */
  let lastMeta = null;
  let indicators = {};
  let generation = 0;
  return {
    /** The generation a new save writes its chunks under (after the last committed one). */
    nextGeneration() {
      return generation + 1;
    },

    /** Writes one chunk of a save: chunk `n` of indicator `id` in generation `gen`. */
    async writeChunk(gen, id, n, cases) {
      await transaction(db, "readwrite", (store) => store.put({ id, generation: gen, n, cases }, ["chunk", id, gen, n]));
    },

    /**
     * Makes generation `gen` the autosave, atomically: `written` = [{ id, revision, chunks }]
     * the indicators whose chunks it wrote (chunks 0: emptied), `meta` the meta text (null: the
     * last one again), `whole` = the save wrote everything (indicators not named are gone).
     * Superseded and orphaned chunks, and version-1 records, are deleted in the same
     * transaction. Resolves to savedAt.
     */
    async commit(gen, { written, meta, whole = false, page = {} }) {
      const savedAt = new Date().toISOString();
      const next = whole ? {} : { ...indicators };
      for (const w of written) {
        if (w.chunks > 0) next[w.id] = { generation: gen, chunks: w.chunks, revision: w.revision };
        else delete next[w.id];
      }
      const text = meta ?? lastMeta;
      await transaction(db, "readwrite", (store) => {
        store.put({ schema: SCHEMA, version: VERSION, savedAt, meta: text, page, generation: gen, indicators: next }, META);
        // The chunks the new meta record does not name: superseded, or of a save that stopped.
        store.getAllKeys(CHUNKS()).onsuccess = (event) => {
          for (const [, id, g, n] of event.target.result) {
            const kept = next[id];
            if (!kept || kept.generation !== g || n >= kept.chunks) store.delete(["chunk", id, g, n]);
          }
        };
        if (whole) store.getAllKeys().onsuccess = (event) => event.target.result.filter(isLegacyKey).forEach((key) => store.delete(key));
      });
      lastMeta = text;
      indicators = next;
      generation = gen;
      return savedAt;
    },

    /**
     * { meta, records: [{ id, cases }], savedAt, page, legacy } of the last autosave, or null:
     * the chunks of each indicator in order (records of one id are joined by restoreAutosave).
     * `legacy`: version-1 records, to be written again in chunks. A chunk the meta record names
     * but that is missing makes the autosave unreadable (an error), never silently shorter.
     */
    async read() {
      const head = await transaction(db, "readonly", (store) => store.get(META)).then((r) => r.result);
      if (!head || head.schema !== SCHEMA || typeof head.version !== "number" || head.version > VERSION) return null;
      if (head.version < 2) {
        const all = await transaction(db, "readonly", (store) => store.getAll()).then((r) => r.result);
        const records = (all ?? []).filter((r) => r && typeof r.id === "string" && typeof r.cases === "string").map((r) => ({ id: r.id, cases: r.cases }));
        lastMeta = head.meta;
        indicators = {};
        generation = 0;
        return { meta: head.meta, records, savedAt: head.savedAt, page: head.page ?? null, legacy: true };
      }
      const named = Object.entries(head.indicators ?? {});
      const chunks = await transaction(db, "readonly", (store) =>
        named.flatMap(([id, { generation: g, chunks }]) => Array.from({ length: chunks }, (_, n) => store.get(["chunk", id, g, n]))),
      ).then((requests) => requests.map((r) => r.result));
      const missing = chunks.findIndex((c) => !c || typeof c.cases !== "string");
      if (missing >= 0) throw new Error(`autosave chunk ${missing} is missing`);
      lastMeta = head.meta;
      indicators = Object.fromEntries(named);
      generation = head.generation ?? 0;
      return { meta: head.meta, records: chunks.map((c) => ({ id: c.id, cases: c.cases })), savedAt: head.savedAt, page: head.page ?? null, legacy: false };
    },

    async clear() {
      await transaction(db, "readwrite", (store) => store.clear());
      lastMeta = null;
      indicators = {};
    },
  };
}
