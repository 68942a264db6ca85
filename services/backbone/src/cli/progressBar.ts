/** A one-line progress bar on stderr for long operator commands (rebuild, replay, import). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  let last = '';
  return {
    update(done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total}`;
      if (line === last) return;
      last = line;
      stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
    },
    finish(message: string) {
      stream.write(`${stream.isTTY ? '\n' : ''}${message}\n`);
    },
  };
}
