// The single file's inlined wasm: gzip-compressed, as base64 text, unpacked with the browser's
// own DecompressionStream and compiled. Used by runtime-page.js (the core) and
// runtime-worker.js (the ledger module, only when a file needs it).

function base64Bytes(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A WebAssembly.Module from gzip + base64 text. */
export async function compileInlined(gzipBase64) {
  if (typeof DecompressionStream !== "function") {
    throw new Error("this browser cannot unpack the calculation core (no DecompressionStream): please use a current browser");
  }
  const packed = new Blob([base64Bytes(gzipBase64)]);
  const bytes = await new Response(packed.stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  return WebAssembly.compile(bytes);
}
