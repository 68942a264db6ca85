/** What the parent asks a part process to run: `name` exported by `module` (an absolute path). */
export interface PartRequest {
  readonly kind: 'task' | 'service';
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
}

/** What a part process answers: ready (services only), done with its result and peak RSS, or failed. */
export type PartReply =
  | { readonly kind: 'ready'; readonly info: unknown }
  | { readonly kind: 'done'; readonly result: unknown; readonly peakRssBytes: number; readonly seconds: number }
  | { readonly kind: 'failed'; readonly error: string };

/** A service part: runs until the parent stops it, then answers with what `stop` returns. */
export interface RunningService<Info, Result = undefined> {
  readonly info: Info;
  stop(): Promise<Result>;
}
