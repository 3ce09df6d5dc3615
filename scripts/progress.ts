// A progress bar for long commands (import, export, backup, restore), on stderr so the command's
// own output can be piped. On a terminal it redraws one line; elsewhere (CI logs) it prints a line
// at every tenth of the way.
export type Progress = { update: (done: number, total: number, label?: string) => void; done: (message?: string) => void }

export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true
  let lastTenth = -1
  let drawn = false
  return {
    update(done, total, label = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 0
      if (tty) {
        const width = 30
        const filled = Math.round(ratio * width)
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
        const text = `${title} ${bar} ${done}/${total} ${label}`
        stream.write(`\r${text.slice(0, (stream.columns || 100) - 1).padEnd(Math.min(stream.columns || 100, 100) - 1)}`)
        drawn = true
        return
      }
      const tenth = Math.floor(ratio * 10)
      if (tenth === lastTenth) return
      lastTenth = tenth
      stream.write(`${title}: ${done}/${total} (${Math.round(ratio * 100)}%)\n`)
    },
    done(message) {
      if (tty && drawn) stream.write('\n')
      if (message) stream.write(`${message}\n`)
    },
  }
}
