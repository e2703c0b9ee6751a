import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { instanceSetting } from './schema/index.ts';

/**
 * Returns the instance's auth secret, creating it on first start. Stored in the database so every
 * app process sharing it signs sessions with the same key.
 */
export async function ensureAuthSecret(db: Db): Promise<string> {
  await db
    .insert(instanceSetting)
    .values({ key: 'auth_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSetting).where(eq(instanceSetting.key, 'auth_secret'));
  return row!.value;
}
