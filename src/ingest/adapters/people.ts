/** Who a row of an Autodesk export is about, and the rulebook's user key. */
import type { RowProblem, Sink } from './adapter.ts';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface Person {
  /** Rulebook: lower-cased e-mail; else Autodesk ID; else hashed id. */
  key: string;
  email: string | null;
  autodesk_id: string | null;
  hashed_id: string | null;
  name: string | null;
}

/** An e-mail address, or null for an empty, masked (`*****`) or hashed value. */
export function realEmail(value: string): string | null {
  const v = value.trim();
  return EMAIL.test(v) ? v.toLowerCase() : null;
}

/** A value that is personal data unless masked (Autodesk shows `*****` when the personal-data setting is off). */
export function unmasked(value: string): string | null {
  const v = value.trim();
  return v === '' || /^\*+$/.test(v) ? null : v;
}

export function person(fields: { email?: string; autodesk_id?: string; hashed_id?: string; first_name?: string; last_name?: string; name?: string }): Person | null {
  const email = realEmail(fields.email ?? '');
  const autodeskId = unmasked(fields.autodesk_id ?? '');
  const hashedId = unmasked(fields.hashed_id ?? '');
  const key = email ?? autodeskId?.toLowerCase() ?? hashedId?.toLowerCase() ?? null;
  if (key === null) return null;
  const name = unmasked(fields.name ?? [fields.first_name ?? '', fields.last_name ?? ''].map((s) => unmasked(s) ?? '').join(' ').trim());
  return { key, email, autodesk_id: autodeskId, hashed_id: hashedId, name: name || null };
}

/** The note an export gets when it carries no e-mail at all (personal data hashed or hidden). */
export const HASHED_NOTE =
  'No e-mail addresses in this file (personal data hashed or hidden): contractor detection by e-mail domain cannot run on its users, and its rows are linked to other files only through Autodesk or hashed IDs.';

/** Counts rows with and without an e-mail to decide whether the file was exported with personal data hidden. */
export class EmailPresence {
  private withEmail = 0;
  private rows = 0;

  see(p: Person): void {
    this.rows++;
    if (p.email) this.withEmail++;
  }

  notes(): string[] {
    return this.rows > 0 && this.withEmail === 0 ? [HASHED_NOTE] : [];
  }
}

type PersonColumn = 'email' | 'autodesk_id' | 'hashed_autodesk_id' | 'first_name' | 'last_name';

/** The person of an Autodesk Account export row (e-mail, Autodesk ID, hashed ID, names), or why there is none. */
export function exportPerson(get: (column: PersonColumn) => string): Person | RowProblem {
  return (
    person({ email: get('email'), autodesk_id: get('autodesk_id'), hashed_id: get('hashed_autodesk_id'), first_name: get('first_name'), last_name: get('last_name') }) ?? {
      column: 'email',
      value: null,
      reason: 'missing user: no e-mail, Autodesk ID or hashed ID',
    }
  );
}

/** Records that an e-mail and an id belong to one person, when the row carries both. */
export function linkIdentity(sink: Sink, line: number, who: Person): void {
  if (who.email && (who.autodesk_id || who.hashed_id)) sink.add('identities', line, { user_email: who.email, autodesk_id: who.autodesk_id, hashed_id: who.hashed_id });
}
