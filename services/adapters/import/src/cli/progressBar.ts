/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per step otherwise). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  let last = '';
  return {
    update(done: number, total: number): void {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      const text = `${label} [${'='.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done}/${total}`;
      if (text === last) return;
      last = text;
      stream.write(stream.isTTY ? `\r${text}` : `${text}\n`);
    },
    done(): void {
      if (stream.isTTY && last) stream.write('\n');
    },
  };
}
