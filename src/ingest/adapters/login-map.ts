import type { RowProblem } from './adapter.ts';
import { columnAdapter } from './columns.ts';
import { realEmail } from './people.ts';
import { KIND_LABELS } from '../kinds.ts';

const LOGIN_COLUMNS = ['login', 'email', 'host'] as const;

/**
 * A login list the user writes: which person each licence-server login is (`login,email`), on every host or, with
 * `host`, on that host only (a generic login that one person uses on one machine). Links the logs' sessions to the
 * people of the Autodesk Account exports, so that the person-level rules see their network use.
 */
export const loginMapAdapter = columnAdapter({
  kind: 'login_map',
  label: KIND_LABELS.login_map,
  expects: 'a login list (login, email, and optionally host)',
  primary: 'login_links',
  columns: LOGIN_COLUMNS,
  aliases: {
    login: ['logon', 'username', 'account', 'samaccountname', 'windows_login', 'network_login', 'licence_login', 'license_login'],
    email: ['e-mail', 'mail', 'user_email', 'email_address', 'upn', 'userprincipalname'],
    host: ['hostname', 'computer', 'machine', 'workstation'],
  },
  required: ['login', 'email'],
  distinctive: ['login'],
  start() {
    return {
      map(get, line, sink): RowProblem | null {
        const login = get('login').trim();
        if (!login) return { column: 'login', value: null, reason: 'missing login: login is empty' };
        if (/[\s@]/.test(login)) return { column: 'login', value: login, reason: 'bad login: a licence-server login has no space or @ (write the host in the host column)' };
        const email = realEmail(get('email'));
        if (!email) return { column: 'email', value: get('email') || null, reason: 'bad e-mail address' };
        const host = get('host').trim();
        sink.add('login_links', line, { login: login.toLowerCase(), user_email: email, host: host ? host.toLowerCase() : null });
        return null;
      },
    };
  },
});
