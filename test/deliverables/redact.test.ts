import { describe, expect, it } from 'vitest';
import { makeRedactor, NO_REDACTION, stableHex, type PersonalData } from '../../src/deliverables/redact.ts';
import { toCsv } from '../../src/lib/csv-write.ts';

const PERSONAL: PersonalData = {
  emails: ['Ann.Lee@Contoso.com', 'bob.smith@contoso.com', 'carla@partner-firm.co.uk', 'Dmitri.Novak@contoso.com'],
  names: ['Ann Lee', 'Bob Smith', 'Carla Müller', 'Dmitri Novak', 'Al'],
  userKeys: ['ann.lee@contoso.com', 'jsmith@WS042', 'A1B2C3D4E5F6', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
  devices: ['WS042', 'CAD-LAPTOP-07', 'ws-099'],
};

const HEX8 = '[0-9a-f]{8}';
const HEX6 = '[0-9a-f]{6}';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('pseudonyms', () => {
  const r = makeRedactor(PERSONAL);

  it('are stable: the same input gives the same output, across redactors built from lists in other orders', () => {
    const other = makeRedactor({
      emails: shuffled(PERSONAL.emails, 1),
      names: shuffled(PERSONAL.names, 2),
      userKeys: shuffled(PERSONAL.userKeys, 3),
      devices: shuffled(PERSONAL.devices, 4),
    });
    for (const v of Object.values(PERSONAL).flat()) {
      expect(r.pseudonym(v)).toBe(r.pseudonym(v));
      expect(other.pseudonym(v)).toBe(r.pseudonym(v));
    }
    // Across runs and machines: pinned (a change of hash would change every delivered pseudonym).
    expect(stableHex('ann.lee@contoso.com')).toBe('6ee8298e021ddfc2');
    expect(r.pseudonym('Ann.Lee@Contoso.com')).toBe('person-6ee8298e@contoso.com');
    expect(makeRedactor({ emails: [], names: [], userKeys: [], devices: [] }).pseudonym('ann.lee@contoso.com')).toBe('person-6ee8298e@contoso.com');
  });

  it('keep the e-mail domain, and are case-insensitive', () => {
    expect(r.pseudonym('carla@partner-firm.co.uk')).toMatch(new RegExp(`^person-${HEX8}@partner-firm\\.co\\.uk$`));
    expect(r.pseudonym('BOB.SMITH@CONTOSO.COM')).toBe(r.pseudonym('bob.smith@contoso.com'));
    expect(r.pseudonym('bob.smith@contoso.com')).not.toBe(r.pseudonym('carla@partner-firm.co.uk'));
  });

  it('write a licence-server user@host key as person@device, the host as the same device as on its own', () => {
    const p = r.pseudonym('jsmith@WS042');
    expect(p).toMatch(new RegExp(`^person-${HEX8}@device-${HEX6}$`));
    expect(p).toBe(`${r.pseudonym('jsmith')}@${r.pseudonym('WS042')}`);
    expect(r.pseudonym('jsmith@ws042')).toBe(p);
  });

  it('write other keys as person-, names as Person, devices as device-', () => {
    expect(r.pseudonym('A1B2C3D4E5F6')).toMatch(new RegExp(`^person-${HEX8}$`));
    expect(r.pseudonym('Carla Müller')).toMatch(new RegExp(`^Person ${HEX8}$`));
    expect(r.pseudonym('carla  müller ')).toBe(r.pseudonym('Carla Müller'));
    expect(r.pseudonym('CAD-LAPTOP-07')).toMatch(new RegExp(`^device-${HEX6}$`));
    expect(r.pseudonym('Al')).toMatch(new RegExp(`^Person ${HEX8}$`));
  });

  it('are lengthened for values whose short hashes collide, and only for those', () => {
    // Find two device names that share the first 6 hex characters (24 bits: a few thousand names suffice).
    const seen = new Map<string, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i++) {
      const name = `pc-${i}`;
      const prefix = stableHex(name).slice(0, 6);
      const earlier = seen.get(prefix);
      if (earlier !== undefined) pair = [earlier, name];
      seen.set(prefix, name);
    }
    const [a, b] = pair;
    const one = makeRedactor({ emails: [], names: [], userKeys: [], devices: [a, b, 'other-pc'] });
    const two = makeRedactor({ emails: [], names: [], userKeys: [], devices: ['other-pc', b, a] });
    expect(one.pseudonym(a)).not.toBe(one.pseudonym(b));
    expect(one.pseudonym(a).length).toBeGreaterThan('device-123456'.length);
    expect(one.pseudonym(a)).toMatch(new RegExp(`^device-${stableHex(a).slice(0, 6)}[0-9a-f]+$`));
    expect(one.pseudonym('other-pc')).toMatch(new RegExp(`^device-${HEX6}$`));
    expect([two.pseudonym(a), two.pseudonym(b)]).toEqual([one.pseudonym(a), one.pseudonym(b)]);
  });
});

describe('redacting a text', () => {
  const r = makeRedactor(PERSONAL);

  it('replaces names only as whole words: "Ann Lee" leaves "Annual Leeway" alone', () => {
    expect(r.text('Annual Leeway for Ann Lee.')).toBe(`Annual Leeway for ${r.pseudonym('Ann Lee')}.`);
    expect(r.text("ANN LEE's seat; ann lee,ann lee")).toBe(`${r.pseudonym('Ann Lee')}'s seat; ${r.pseudonym('Ann Lee')},${r.pseudonym('Ann Lee')}`);
    expect(r.text('Ann Lees and XAnn Lee')).toBe('Ann Lees and XAnn Lee');
    expect(r.text('Ann\u00a0Lee')).toBe(r.pseudonym('Ann Lee'));
  });

  it('replaces e-mails and keys wherever they occur, the longest value first', () => {
    const ann = r.pseudonym('ann.lee@contoso.com');
    expect(r.text('mailto:ANN.LEE@contoso.com;x')).toBe(`mailto:${ann};x`);
    expect(r.text('id=A1B2C3D4E5F6x')).toBe(`id=${r.pseudonym('A1B2C3D4E5F6')}x`);
    expect(r.text('jsmith@ws042 on WS042, jsmith')).toBe(`${r.pseudonym('jsmith@ws042')} on ${r.pseudonym('WS042')}, ${r.pseudonym('jsmith')}`);
    expect(r.text('Used on cad-laptop-07 and cad-laptop-070')).toBe(`Used on ${r.pseudonym('CAD-LAPTOP-07')} and cad-laptop-070`);
  });

  it('replaces a name shorter than 3 characters only as a whole value', () => {
    expect(r.text('Al used Revit; Also Al')).toBe('Al used Revit; Also Al');
    expect(r.text('Al')).toBe(r.pseudonym('Al'));
    expect(r.text(' al ')).toBe(` ${r.pseudonym('Al')} `);
  });

  it('leaves no e-mail or name behind, in any case', () => {
    const values = [...PERSONAL.emails, ...PERSONAL.names.filter((n) => n.length >= 3), ...PERSONAL.userKeys, ...PERSONAL.devices];
    const variants = values.flatMap((v) => [v, v.toUpperCase(), v.toLowerCase(), v.replace(/\b\w/g, (c) => c.toUpperCase())]);
    const document = variants.map((v, i) => `${i}. Evidence: "${v}" used AutoCAD (${v}).`).join('\n');
    const redacted = r.text(document);
    const lower = redacted.toLowerCase();
    for (const v of values) expect(lower, v).not.toContain(v.toLowerCase());
    expect(redacted.split('\n')).toHaveLength(variants.length);
    expect(redacted).toContain('used AutoCAD');
  });

  it('keeps a CSV document a CSV document (a name written "Last, First" is not a listed value, and stays)', () => {
    const csv = toCsv(['user', 'name', 'device', 'days'], [
      { user: 'bob.smith@contoso.com', name: 'Smith, Bob', device: 'ws-099', days: 3 },
      { user: 'Dmitri.Novak@contoso.com', name: 'Dmitri Novak', device: 'CAD-LAPTOP-07', days: -2 },
    ]);
    const redacted = r.text(csv);
    expect(redacted.split('\r\n')).toEqual([
      'user,name,device,days',
      `${r.pseudonym('bob.smith@contoso.com')},"Smith, Bob",${r.pseudonym('ws-099')},3`,
      `${r.pseudonym('dmitri.novak@contoso.com')},${r.pseudonym('Dmitri Novak')},${r.pseudonym('CAD-LAPTOP-07')},-2`,
      '',
    ]);
  });
});

describe('redacting a value', () => {
  const r = makeRedactor(PERSONAL);

  it('returns a deep copy with every string redacted, keys, numbers, booleans and null untouched', () => {
    const input = {
      'ann.lee@contoso.com': 'Ann Lee',
      finding: { user: 'Ann.Lee@contoso.com', evidence: ['Bob Smith used WS042 on 3 days', 'no one'], days: 3, contractor: false, note: null },
      list: [[{ device: 'ws-099' }], 42],
    };
    const before = structuredClone(input);
    const out = r.value(input);
    expect(out).toEqual({
      'ann.lee@contoso.com': r.pseudonym('Ann Lee'),
      finding: {
        user: r.pseudonym('ann.lee@contoso.com'),
        evidence: [`${r.pseudonym('Bob Smith')} used ${r.pseudonym('WS042')} on 3 days`, 'no one'],
        days: 3,
        contractor: false,
        note: null,
      },
      list: [[{ device: r.pseudonym('ws-099') }], 42],
    });
    expect(input).toEqual(before);
    expect(out.finding).not.toBe(input.finding);
    expect(out.list[0]).not.toBe(input.list[0]);
  });

  it('NO_REDACTION changes nothing', () => {
    const input = { a: ['Ann Lee', { b: 'ann.lee@contoso.com' }], n: 1 };
    expect(NO_REDACTION.pseudonym('Ann Lee')).toBe('Ann Lee');
    expect(NO_REDACTION.text('Ann Lee')).toBe('Ann Lee');
    const out = NO_REDACTION.value(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });
});

describe('speed', () => {
  it('redacts 5 MB of text with 3,000 personal values', () => {
    const first = ['Ann', 'Bob', 'Carla', 'Dmitri', 'Eve', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya'];
    const last = ['Lee', 'Smith', 'Okafor', 'Novak', 'Tanaka', 'Garcia', 'Müller', 'Kowalski', 'Haddad', 'Nguyen', 'Rossi', 'Jensen'];
    const personal: PersonalData = { emails: [], names: [], userKeys: [], devices: [] };
    for (let i = 0; i < 800; i++) {
      const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}${i}`;
      personal.names.push(name);
      personal.emails.push(`${name.toLowerCase().replace(' ', '.')}@corp${i % 5}.com`);
    }
    for (let i = 0; i < 500; i++) personal.userKeys.push(`ADSK${(i * 7919).toString(36).toUpperCase()}X${i}`, `user${i}@ws${i}`);
    for (let i = 0; i < 400; i++) personal.devices.push(`WKS-${1000 + i}`);
    const values = Object.values(personal).flat();
    expect(values).toHaveLength(3000);

    // Half session CSV rows, half Markdown prose (the slower kind: letters everywhere); one line in four names
    // someone, in mixed case.
    const csvFiller = 'AutoCAD,named_user,2025-03-04T09:00:00Z,2025-03-04T10:00:00Z,60,Windows 11,annual leeway review';
    const prose = 'used Revit and AutoCAD on twelve days while the licence pool stayed under-used; the annual leeway is small.';
    const rows: string[] = [];
    let length = 0;
    for (let i = 0; length < 5_000_000; i++) {
      const v = values[(i * 31) % values.length]!;
      const who = i % 4 === 0 ? (i % 8 === 0 ? v.toUpperCase() : v) : 'Somebody Else';
      const row = i % 2 === 0 ? `${who},${csvFiller}` : `- **Finding ${i}**: ${who} ${prose}`;
      rows.push(row);
      length += row.length + 2;
    }
    const text = rows.join('\r\n');

    const t0 = performance.now();
    const r = makeRedactor(personal);
    const t1 = performance.now();
    const out = r.text(text);
    const t2 = performance.now();
    console.log(
      `redaction: ${values.length} personal values, built in ${(t1 - t0).toFixed(0)} ms; ` +
        `${(text.length / 1e6).toFixed(2)} MB of text redacted in ${(t2 - t1).toFixed(0)} ms`,
    );
    expect(out.split('\r\n')).toHaveLength(rows.length);
    const lower = out.toLowerCase();
    for (const v of values.slice(0, 200)) expect(lower.includes(v.toLowerCase()), v).toBe(false);
  });
});

describe('IP addresses', () => {
  it('become stable addresses in the IPv6 documentation range, in values and inside text', () => {
    const r = makeRedactor({ emails: [], names: [], userKeys: [], devices: ['10.20.14.61', 'fd00:20::5'] });
    const v4 = r.pseudonym('10.20.14.61');
    expect(v4).toMatch(/^2001:db8:[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{4}::$/);
    expect(makeRedactor({ emails: [], names: [], userKeys: [], devices: ['fd00:20::5', '10.20.14.61'] }).pseudonym('10.20.14.61')).toBe(v4);
    expect(r.text('seen from 10.20.14.61 and fd00:20::5')).toBe(`seen from ${v4} and ${r.pseudonym('fd00:20::5')}`);
  });
});
