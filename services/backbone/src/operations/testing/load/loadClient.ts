// The HTTP side of the operations proof's load: calls as a department, and commands that must
// be accepted, counted so the proof can say how much work it drove.

/** What every command answers (DESIGN.md §3). */
export interface CommandAnswer {
  readonly id: string;
  readonly version: number;
}

export interface LoadClientOptions {
  /** URL of the process serving every context's API. */
  readonly api: string;
  /** Bearer tokens by department id. */
  readonly tokens: Readonly<Record<string, string>>;
  /** How long a command waits for a reference another context published to reach its view (404). */
  readonly referenceTimeoutMs?: number;
}

export interface CommandOptions {
  readonly method?: 'POST' | 'PATCH';
  /**
   * The command names something another context published (a policy, a person): its own
   * projection may not have seen it yet, so a 404 is retried until `referenceTimeoutMs`.
   */
  readonly waitForReferences?: boolean;
}

export interface LoadClient {
  /** Any call; `department` undefined sends no credential. */
  call(method: string, path: string, department: string | undefined, body?: unknown): Promise<Response>;
  /** A command that must be accepted (200/201); throws with the problem otherwise. */
  command(path: string, department: string, body: unknown, options?: CommandOptions): Promise<CommandAnswer>;
  /** Commands accepted so far. */
  accepted(): number;
}

/** A client of one backbone API for the departments whose tokens it holds. */
export function createLoadClient(options: LoadClientOptions): LoadClient {
  let accepted = 0;
  const referenceTimeoutMs = options.referenceTimeoutMs ?? 30_000;

  async function call(method: string, path: string, department: string | undefined, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (department) headers.authorization = `Bearer ${options.tokens[department] ?? ''}`;
    return fetch(`${options.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async function command(path: string, department: string, body: unknown, commandOptions: CommandOptions = {}): Promise<CommandAnswer> {
    const method = commandOptions.method ?? 'POST';
    const deadline = Date.now() + referenceTimeoutMs;
    for (;;) {
      const response = await call(method, path, department, body);
      const answer: unknown = await response.json();
      if (response.status === 200 || response.status === 201) {
        accepted++;
        return answer as CommandAnswer;
      }
      // 503: the directory is not projected yet; 404 on a reference: it is on its way. Neither wrote anything.
      const retry = response.status === 503 || (commandOptions.waitForReferences === true && response.status === 404);
      if (!retry || Date.now() > deadline) {
        throw new Error(`${method} ${path} as ${department} answered ${response.status}: ${JSON.stringify(answer)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  return { call, command, accepted: () => accepted };
}
