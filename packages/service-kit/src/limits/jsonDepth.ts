/** Whether a parsed JSON value nests objects/arrays deeper than `maxDepth` (`{}` has depth 1). */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  // Iterative on purpose: a recursive walk over hostile input is the stack overflow this check prevents.
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return true;
    for (const child of Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth });
    }
  }
  return false;
}
