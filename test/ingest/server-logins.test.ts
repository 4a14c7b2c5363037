import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { ServerLogin } from '../../src/review/server-logins.ts';
import { file, newEngine } from '../helpers/engine.ts';

/**
 * A log written by hand in the adskflex grammar, over two days (UTC):
 * - anna: ws1 09:00-10:00, then ws2 13:00-14:00 on 2 March: two hosts, never at once;
 * - cad: lab1 09:05-10:30 and lab2 09:10-11:00 on 2 March, lab1 09:00-10:00 and lab3 09:30-10:10 on 3 March: at two
 *   hosts at once on 2 days, so shared;
 * - jsmith: ws7 09:20-12:00 on 2 March (Revit); kiosk: lab3 15:00-16:00 on 2 March and 11:00-11:30 on 3 March;
 * - ben: ws4 11:00-11:15 on 3 March.
 */
const LOG = [
  ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
  ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws1',
  ' 9:05:00 (adskflex) OUT: "87545ACD_2022_0F" cad@lab1',
  ' 9:10:00 (adskflex) OUT: "87545ACD_2022_0F" cad@lab2',
  ' 9:20:00 (adskflex) OUT: "87545RVT_2022_0F" jsmith@ws7',
  '10:00:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws1',
  '10:30:00 (adskflex) IN: "87545ACD_2022_0F" cad@lab1',
  '11:00:00 (adskflex) IN: "87545ACD_2022_0F" cad@lab2',
  '12:00:00 (adskflex) IN: "87545RVT_2022_0F" jsmith@ws7',
  '13:00:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws2',
  '14:00:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws2',
  '15:00:00 (adskflex) OUT: "87545ACD_2022_0F" kiosk@lab3',
  '16:00:00 (adskflex) IN: "87545ACD_2022_0F" kiosk@lab3',
  ' 8:00:00 (lmgrd) TIMESTAMP 3/3/2026',
  ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" cad@lab1',
  ' 9:30:00 (adskflex) OUT: "87545ACD_2022_0F" cad@lab3',
  '10:00:00 (adskflex) IN: "87545ACD_2022_0F" cad@lab1',
  '10:10:00 (adskflex) IN: "87545ACD_2022_0F" cad@lab3',
  '11:00:00 (adskflex) OUT: "87545ACD_2022_0F" kiosk@lab3',
  '11:00:00 (adskflex) OUT: "87545ACD_2022_0F" ben@ws4',
  '11:15:00 (adskflex) IN: "87545ACD_2022_0F" ben@ws4',
  '11:30:00 (adskflex) IN: "87545ACD_2022_0F" kiosk@lab3',
].join('\n');

/** The Users export: cad@ is a person too, and two people are called kiosk@ in two domains. */
const USERS = [
  'autodesk_id,email,first_name,last_name,offering_name,role',
  'A1,anna@corp.example,Anna,Berg,AutoCAD,User',
  'A2,cad@corp.example,Carl,Dane,AutoCAD,User',
  'A3,john.smith@corp.example,John,Smith,Revit,User',
  'A4,kiosk@corp.example,Kiosk,One,AutoCAD,User',
  'A5,kiosk@other.example,Kiosk,Two,AutoCAD,User',
].join('\n');

/** The login list: jsmith everywhere; kiosk on lab3 only; two rows it cannot use. */
const LIST = ['login,email,host', 'jsmith,John.Smith@corp.example,', 'kiosk,kate@corp.example,LAB3', 'bob@ws1,bob@corp.example,', 'carl,not-an-address,'].join('\n');

/** What the rules above give, worked by hand from the log, the Users export and the list. */
const EXPECTED: Pick<ServerLogin, 'login' | 'hosts' | 'sessions' | 'people' | 'linked_by' | 'shared_days' | 'shared' | 'listed_twice'>[] = [
  { login: 'cad', hosts: ['lab1', 'lab2', 'lab3'], sessions: 4, people: [], linked_by: [], shared_days: 2, shared: true, listed_twice: false },
  { login: 'ben', hosts: ['ws4'], sessions: 1, people: [], linked_by: [], shared_days: 0, shared: false, listed_twice: false },
  { login: 'anna', hosts: ['ws1', 'ws2'], sessions: 2, people: ['anna@corp.example'], linked_by: ['e-mail'], shared_days: 0, shared: false, listed_twice: false },
  { login: 'kiosk', hosts: ['lab3'], sessions: 2, people: ['kate@corp.example'], linked_by: ['login list'], shared_days: 0, shared: false, listed_twice: false },
  { login: 'jsmith', hosts: ['ws7'], sessions: 1, people: ['john.smith@corp.example'], linked_by: ['login list'], shared_days: 0, shared: false, listed_twice: false },
];

describe('licence-server logins and the people they are', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = newEngine();
  });
  afterAll(() => engine.close());

  it('links a login by the login list, else by the one e-mail of its name, never a shared one, and flags the shared login', async () => {
    await engine.reset();
    const reports = await engine.load([file('users.csv', USERS), file('logins.csv', LIST), file('server.log', LOG)]);
    expect(reports.map((r) => [r.kind, r.status, r.rows_read, r.rows_loaded, r.rows_rejected])).toEqual([
      ['users', 'loaded', 5, 5, 0],
      ['login_map', 'loaded', 4, 2, 2],
      ['flexnet_log', 'loaded', 20, 20, 0],
    ]);
    expect((await engine.rejects()).rows.map((r) => [r.file, r.line, r.column, r.reason])).toEqual([
      ['logins.csv', 4, 'login', 'bad login: a licence-server login has no space or @ (write the host in the host column)'],
      ['logins.csv', 5, 'email', 'bad e-mail address'],
    ]);
    const review = await engine.review();
    expect(review.licence_servers.logins.map(({ login, hosts, sessions, people, linked_by, shared_days, shared, listed_twice }) => ({
      login, hosts, sessions, people, linked_by, shared_days, shared, listed_twice,
    }))).toEqual(EXPECTED);
    // People: anna, John Smith and kate, now with their network use; cad (3 hosts) and ben (1) stay logins on machines.
    expect(review.overview).toMatchObject({ users: 3, server_logins: 2, server_hosts: 4 });
    const anna = await engine.userTimeline('anna@corp.example');
    expect(anna.usage).toEqual([{ product: 'AutoCAD', day: '2026-03-02', licence_types: ['network'] }]);
    expect(anna.devices.map((d) => [d.device, d.sessions])).toEqual([['ws1', 1], ['ws2', 1]]);
    // The export keeps each session's own user@host.
    expect(await engine.exportSessionsCsv()).toContain('\r\njsmith@ws7,,,Revit,');
  });

  it('gives the same links whatever the order of the files, and undoes a link when its list goes', async () => {
    await engine.reset();
    await engine.load([file('server.log', LOG)]);
    // The log alone: nobody is linked, and every login is apart from the users.
    expect((await engine.review()).licence_servers.logins.every((l) => l.people.length === 0)).toBe(true);
    const [list] = await engine.load([file('logins.csv', LIST)]);
    await engine.load([file('users.csv', USERS)]);
    expect((await engine.review()).licence_servers.logins.map((l) => [l.login, l.people])).toEqual(EXPECTED.map((l) => [l.login, l.people]));
    await engine.removeFile(list!.file_id);
    const after = await engine.review();
    expect(after.licence_servers.logins.map((l) => [l.login, l.people])).toEqual([
      ['cad', []], ['kiosk', []], ['ben', []], ['jsmith', []], ['anna', ['anna@corp.example']],
    ]);
    expect(after.overview).toMatchObject({ users: 1, server_logins: 4 });
  });

  it('links nobody where the login list names two people for one login', async () => {
    await engine.reset();
    await engine.load([file('server.log', LOG), file('logins.csv', 'login,email\nanna,anna@corp.example\nanna,ann@corp.example\n')]);
    const anna = (await engine.review()).licence_servers.logins.find((l) => l.login === 'anna')!;
    expect(anna).toMatchObject({ people: [], listed_twice: true });
  });

  it('keeps both of two identical checkouts once their login is linked to a person', async () => {
    await engine.reset();
    const doubled = [
      ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
      ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws1',
      ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws1',
      '10:00:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws1',
      '10:00:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws1',
    ].join('\n');
    await engine.load([file('doubled.log', doubled), file('users.csv', USERS)]);
    const review = await engine.review();
    expect(review.licence_servers.logins.find((l) => l.login === 'anna')).toMatchObject({ people: ['anna@corp.example'], sessions: 2 });
    expect(review.overview).toMatchObject({ sessions: 2, hours: 2 });
  });
});
