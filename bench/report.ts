// What a run found, as a table for people and bench/results.json for tools and history.
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os'
import { writeFileSync } from 'node:fs'

export type Row = {
  engine: string
  scenario: string
  connections: number | null
  requestsPerSecond: number | null
  p50: number | null
  p95: number | null
  p99: number | null
  /** requests/s divided by the bare node:http baseline's. */
  ratio: number | null
  goal: string
  met: boolean | null
  /** Responses by status code, and anything worth knowing about the run. */
  notes?: string
}

const fixed = (value: number | null, digits = 1) => (value === null || Number.isNaN(value) ? '—' : value.toFixed(digits))
const thousands = (value: number | null) => (value === null || Number.isNaN(value) ? '—' : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US'))

export function table(rows: Row[]): string {
  const header = ['engine', 'scenario', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '× base', 'goal', 'met?']
  const lines = rows.map((row) => [
    row.engine,
    row.scenario,
    row.connections === null ? '' : String(row.connections),
    thousands(row.requestsPerSecond),
    fixed(row.p50),
    fixed(row.p95),
    fixed(row.p99),
    row.ratio === null ? '' : row.ratio.toFixed(2),
    row.goal,
    row.met === null ? '' : row.met ? 'yes' : 'NO',
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => (line[i] as string).length)))
  const numeric = new Set([2, 3, 4, 5, 6, 7])
  const format = (cells: string[]) => '| ' + cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number))).join(' | ') + ' |'
  return [format(header), '|' + widths.map((width, i) => (numeric.has(i) ? '-'.repeat(width + 1) + ':' : '-'.repeat(width + 2))).join('|') + '|', ...lines.map(format)].join('\n')
}

export function machine() {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Number((totalmem() / 1024 ** 3).toFixed(1)),
    os: `${osType()} ${release()}`,
    node: process.version,
  }
}

/** 1-minute load average: other work on the machine skews every number, so it goes on record. */
export function load(): number {
  return Number((loadavg()[0] ?? 0).toFixed(2))
}

export function writeResults(file: string, results: unknown): void {
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n')
}
