// Whether the page can keep anything in this browser. The autosave itself runs in the workspace
// worker (core/workspace-store.js); this only decides whether to ask it to, and whether to tell
// the user that it is off.

/**
 * Whether the page can keep anything in this browser. Not in a frame sandboxed without
 * allow-same-origin (an opaque origin: IndexedDB and localStorage throw), nor where the user
 * blocked site data. Never throws.
 */
export async function storageAvailable() {
  try {
    if (!globalThis.indexedDB) return false;
    const db = await new Promise((resolve) => {
      let request;
      try {
        request = indexedDB.open("bizenv-workspace", 1);
      } catch {
        resolve(null);
        return;
      }
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains("records")) request.result.createObjectStore("records");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    });
    db?.close();
    return Boolean(db);
  } catch {
    return false;
  }
}
