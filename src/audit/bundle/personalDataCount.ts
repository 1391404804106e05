import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { countSealed } from '../../personalData/reveal.ts';
import { BUNDLE_FILES } from './bundleFormat.ts';

/** What a bundle holds of personal data: sealed values, and of those, the ones a PersonalDataErased in the bundle erased. */
export interface BundlePersonalData {
  sealedValues: number;
  erasedValues: number;
  erasures: number;
}

/**
 * Counts the bundle's sealed and erased values (FORMAT.md, "Personal data"). An erased value is no
 * failure: its ciphertext is still what was hashed, so every hash recomputes; only its key is gone.
 * Lines that do not parse are left to verifyBundle to report.
 */
export async function countBundlePersonalData(dir: string): Promise<BundlePersonalData> {
  const path = join(dir, BUNDLE_FILES.events);
  const erased = new Set<string>();
  const datas: unknown[] = [];
  if (existsSync(path)) {
    for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
      let event: { type?: unknown; data?: { subjectId?: unknown } };
      try {
        event = JSON.parse(line);
      } catch {
        continue;
      }
      if (event.type === 'PersonalDataErased' && typeof event.data?.subjectId === 'string') erased.add(event.data.subjectId);
      else datas.push(event.data);
    }
  }
  const counts = countSealed(datas, erased);
  return { sealedValues: counts.sealed, erasedValues: counts.erased, erasures: erased.size };
}

export function formatBundlePersonalData(p: BundlePersonalData): string {
  return `  personal data:       ${p.sealedValues} sealed value(s), ${p.erasedValues} erased by ${p.erasures} erasure(s) (not a failure: hashes cover the ciphertext)`;
}
