// Placeholder until the demo content lands; replaced by the real seeder.
import type { Db } from '../db/database.ts'
export async function seedDemoIfEmpty(_db: Db, _log: (line: string) => void): Promise<void> {}
