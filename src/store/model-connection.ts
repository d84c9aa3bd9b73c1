import type { ClipClient } from '../client/clip-client';

/**
 * The main view's link to its model worker: the client, whether the user cancelled the load under way, and a model
 * folder opened from disk. Kept in the store (one per app), so a test can make its own with a fake client.
 */
export class ModelConnection {
  client: ClipClient;
  cancelRequested = false;
  localModel?: { name: string; files: Record<string, Blob> };

  constructor(private readonly makeClient: () => ClipClient) {
    this.client = makeClient();
  }

  /** A fresh worker in place of the current one (one whose ONNX Runtime ran WebGPU is not reused for WASM). */
  replaceClient(): void {
    this.client.dispose();
    this.client = this.makeClient();
  }
}
