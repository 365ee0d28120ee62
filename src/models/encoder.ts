/**
 * A sentence encoder: chunks of text in, one fixed-size unit vector per chunk out (embed-texts.ts
 * averages a long text's chunk vectors into one).
 * Every encoder (the default USE-lite on tfjs, or a local ONNX model) implements this.
 */
export interface Encoder {
  /** Stable identifier recorded in every head's metadata, e.g. `use-lite@<hash prefix>`. */
  readonly name: string;
  /** What executes the model, e.g. `onnxruntime` or `tfjs-wasm` (vectors agree across runtimes to ~1e-6, not bit for bit). */
  readonly runtime: string;
  /** SHA-256 identifying the weight files that were loaded. */
  readonly weightsHash: string;
  /** Output dimension. */
  readonly dim: number;
  /** Longest input (in encoder tokens) the model reads; longer text is chunked. */
  readonly maxTokens: number;
  /** Number of encoder tokens in a text. */
  countTokens(text: string): number;
  /**
   * Splits text into chunks that each fit the encoder's window (one chunk when it fits), or a
   * smaller token budget when given (finer windows for locating an instruction in a document).
   */
  splitIntoChunks(text: string, maxTokens?: number): string[];
  /** Embeds chunks produced by `splitIntoChunks`, one vector each (no further splitting). */
  embedChunks(chunks: readonly string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}
