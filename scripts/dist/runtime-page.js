// The single file's runtime, page side: stands in for www/js/core/runtime.js when
// scripts/build-dist.mjs bundles the page (see that module for the contract).
//
// The wasm is inlined gzip-compressed as base64 (2.9 MB of wasm → about 1.5 MB
// of text instead of 3.8 MB); it is unpacked with the browser's own
// DecompressionStream and compiled once. The compiled module is given to the
// core's init() here and posted to the workspace worker, so nothing is
// fetched and nothing is compiled twice.
//
// The worker is a *classic* worker from a Blob URL of the bundled worker code
// (one script, no imports). From file:// and in a sandboxed frame (opaque
// origin) a worker script URL is refused, and Chromium refuses a Blob-URL
// *module* worker there too; a classic Blob-URL worker starts.

import { WASM_GZIP_BASE64, WORKSPACE_WORKER_SOURCE } from "bizenv:inline";

/** The message that hands a worker the compiled core (runtime-worker.js takes it). */
const WASM_MESSAGE = "bizenv-wasm";

function base64Bytes(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let compiled = null;

/** The core as a WebAssembly.Module, unpacked and compiled on first use. */
function compiledCore() {
  compiled ??= (async () => {
    if (typeof DecompressionStream !== "function") {
      throw new Error("this browser cannot unpack the calculation core (no DecompressionStream): please use a current browser");
    }
    const packed = new Blob([base64Bytes(WASM_GZIP_BASE64)]);
    const bytes = await new Response(packed.stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    return WebAssembly.compile(bytes);
  })();
  return compiled;
}

export function wasmSource() {
  return compiledCore();
}

const workerUrls = new Map();

/** A classic Blob-URL worker of bundled `source`, handed the compiled core first. */
function startWorker(source) {
  if (!workerUrls.has(source)) workerUrls.set(source, URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  const worker = new Worker(workerUrls.get(source));
  // Messages sent before this one wait in the worker until it has the core.
  compiledCore().then(
    (module) => worker.postMessage({ type: WASM_MESSAGE, module }),
    () => {}, // the page itself reports a core that cannot load
  );
  return worker;
}

export function createWorkspaceWorker() {
  return startWorker(WORKSPACE_WORKER_SOURCE);
}
