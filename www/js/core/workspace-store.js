// Autosave records of the Workspace in IndexedDB (used inside the workspace worker): one record
// for the settings, evaluation instant and sources ("meta"), one per indicator ("indicator:ID",
// the JSON text of its cases), so that an edit rewrites only the indicators it changed.
//
//   meta:          { schema: "bizenv-workspace", version: 1, savedAt, meta }
//   indicator:ID:  { id, revision, cases }

const DB_NAME = "bizenv-workspace";
const STORE = "records";
const SCHEMA = "bizenv-workspace";
const VERSION = 1;
const META = "meta";
const PREFIX = "indicator:";

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

/** The store, or null when IndexedDB cannot be used here (opaque origin, blocked, absent). */
export async function createWorkspaceStore() {
  const db = await openDb();
  if (!db) return null;
  /** The meta text last written: written again with each save, for its time. */
  let lastMeta = null;
  return {
    /** Writes an autosave record of the Workspace (`autosave(since)`); resolves to savedAt. */
    async write(record, page = {}) {
      const savedAt = new Date().toISOString();
      await transaction(db, "readwrite", (store) => {
        for (const ind of record.indicators) store.put({ id: ind.id, revision: ind.revision, cases: ind.cases }, PREFIX + ind.id);
        const meta = record.meta ?? lastMeta;
        if (meta !== null) store.put({ schema: SCHEMA, version: VERSION, savedAt, meta, page }, META);
      });
      lastMeta = record.meta ?? lastMeta;
      return savedAt;
    },
    /** { meta, records: [{ id, cases }], savedAt, page } of the last autosave, or null. */
    async read() {
      const [head, all] = await transaction(db, "readonly", (store) => [store.get(META), store.getAll()]).then((requests) => requests.map((r) => r.result));
      if (!head || head.schema !== SCHEMA || typeof head.version !== "number" || head.version > VERSION) return null;
      const records = (all ?? []).filter((r) => r && typeof r.id === "string" && typeof r.cases === "string").map((r) => ({ id: r.id, cases: r.cases }));
      lastMeta = head.meta;
      return { meta: head.meta, records, savedAt: head.savedAt, page: head.page ?? null };
    },
    async clear() {
      await transaction(db, "readwrite", (store) => store.clear());
      lastMeta = null;
    },
  };
}
