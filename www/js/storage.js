// Autosave: the working state is kept in the browser (IndexedDB; when that
// is not available, localStorage) so that closing or reloading the page
// loses nothing. The record carries a schema name and version so that a
// later release can tell what it finds:
//
//   { schema: "bizenv-autosave", version: 1, savedAt: ISO text, state }

export const SCHEMA = "bizenv-autosave";
export const VERSION = 1;
export const KEY = "bizenv-state";

const DB_NAME = "bizenv";
const STORE = "autosave";

let dbPromise = null;

/** The database, or null when IndexedDB cannot be used (private mode, blocked, absent). */
function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve) => {
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
  return dbPromise;
}

function idb(mode, run) {
  return openDb().then(
    (db) =>
      db &&
      new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = run(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result ?? null);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

/** A record as saved, or null when it is not ours or of a version this page cannot read. */
function checked(record) {
  if (!record || typeof record !== "object") return null;
  if (record.schema !== SCHEMA || typeof record.version !== "number" || record.version > VERSION) return null;
  if (!record.state || typeof record.state !== "object") return null;
  return record;
}

function fromLocal() {
  try {
    const text = globalThis.localStorage?.getItem(KEY);
    return text ? checked(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

/**
 * Whether the page can keep anything in this browser. Not in a frame
 * sandboxed without allow-same-origin (an opaque origin: IndexedDB and
 * localStorage throw), nor where the user blocked site data. Never throws.
 */
export async function storageAvailable() {
  try {
    if (await openDb()) return true;
  } catch {
    // fall through to localStorage
  }
  try {
    const probe = `${KEY}-probe`;
    globalThis.localStorage.setItem(probe, "1");
    globalThis.localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * The saved record { schema, version, savedAt, state }, or null. When both
 * stores hold one (IndexedDB failed once, say, and localStorage took the
 * save), the newer wins: the last edit is never lost to an older copy.
 */
export async function loadSaved() {
  let fromDb = null;
  try {
    const db = await openDb();
    if (db) fromDb = checked(await idb("readonly", (store) => store.get(KEY)));
  } catch {
    // Only localStorage, then.
  }
  const local = fromLocal();
  if (fromDb && local) return String(local.savedAt) > String(fromDb.savedAt) ? local : fromDb;
  return fromDb ?? local;
}

/** Saves `state`; resolves to the record written. */
export async function save(state) {
  const record = { schema: SCHEMA, version: VERSION, savedAt: new Date().toISOString(), state };
  const db = await openDb();
  if (db) {
    try {
      await idb("readwrite", (store) => store.put(record, KEY));
      // An older copy in localStorage would otherwise win after IndexedDB is cleared.
      try {
        globalThis.localStorage?.removeItem(KEY);
      } catch {
        // not available: nothing to remove
      }
      return record;
    } catch {
      // Fall back to localStorage below (quota, closed database).
    }
  }
  globalThis.localStorage.setItem(KEY, JSON.stringify(record));
  return record;
}

/** Forgets the saved state everywhere. */
export async function clearSaved() {
  try {
    globalThis.localStorage?.removeItem(KEY);
  } catch {
    // not available
  }
  try {
    await idb("readwrite", (store) => store.delete(KEY));
  } catch {
    // nothing saved there
  }
}

/**
 * Saves `getState()` ~`delay` ms after the last change reported through
 * `subscribe`, and at once when the page is hidden or left.
 * `onSaved(record)` / `onFailed(error)` report the outcome; `check(state)`
 * returns an error for a state that must not be saved, else null. `enabled: false`
 * (no storage): nothing is saved, and the controls do nothing.
 */
export function startAutosave({ getState, subscribe, delay = 300, onSaved = () => {}, onFailed = () => {}, enabled = true, check = () => null }) {
  // No storage (storageAvailable() said so): autosave is off, and says nothing more.
  if (!enabled) return { flush: () => Promise.resolve(null), pause() {}, resume() {} };
  let timer = 0;
  let dirty = false;
  let paused = false;

  function flush() {
    clearTimeout(timer);
    if (!dirty || paused) return Promise.resolve(null);
    dirty = false;
    // Never save what could not be loaded again (settings the core refuses): the last good
    // record stays in storage, and the failure is reported.
    const problem = check(getState());
    if (problem) {
      onFailed(problem);
      return Promise.resolve(null);
    }
    return save(getState()).then(
      (record) => {
        onSaved(record);
        return record;
      },
      (error) => {
        onFailed(error);
        return null;
      },
    );
  }

  subscribe(() => {
    if (paused) return;
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", () => flush());

  return {
    flush,
    /** Stops saving (while the saved data is being cleared), then resumes with `resume()`. */
    pause() {
      paused = true;
      dirty = false;
      clearTimeout(timer);
    },
    resume() {
      paused = false;
    },
  };
}
