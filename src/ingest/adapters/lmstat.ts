import { UnreadableFileError } from '../decode.ts';
import { LmstatParser, looksLikeLmstat } from '../formats/lmstat.ts';
import type { LineAdapter, LineMapper } from './adapter.ts';
import { KIND_LABELS } from '../kinds.ts';
import { zoneClock } from '../../lib/time-zone.ts';

/**
 * lmstat snapshots: each Autodesk feature's issued count becomes a network entitlement, labelled as the licence
 * server's (status "licence server", contract "licence server HOST"). Its offering is the feature's product line code,
 * which the review names through the catalogue (a Collection's package counts for each of its products). Where a
 * Subscriptions row covers the product, that row's seats count instead (rules/sql/compliance.ts).
 */
/** `YYYY-MM-DD HH:MM` on the server's clock as its wall time (the fields read as if UTC). */
function wallMs(text: string | null): number | null {
  if (text === null) return null;
  const [y, mo, d, h, mi] = text.split(/[- :]/).map(Number) as [number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi);
}

export const lmstatAdapter: LineAdapter = {
  shape: 'lines',
  kind: 'lmstat',
  label: KIND_LABELS.lmstat,
  expects: 'an lmstat snapshot (lmutil lmstat -a: "Users of FEATURE: (Total of N licenses issued; ...")',
  primary: 'entitlements',
  detect: looksLikeLmstat,
  open(context): LineMapper {
    const parser = new LmstatParser();
    const clock = context.clock ?? zoneClock('UTC');
    const timeMs = (text: string | null) => {
      const wall = wallMs(text);
      return wall === null ? null : clock.toUtc(wall);
    };
    const drain = (sink: Parameters<LineMapper['end']>[0]) => {
      for (const f of parser.takeFeatures()) {
        const snapshotAt = timeMs(f.snapshot_at);
        sink.add('licence_snapshots', f.line, {
          server: f.server, feature: f.feature, product_line_code: f.plc, issued: f.issued, in_use: f.in_use, snapshot_at: snapshotAt, expiry: f.expiry,
        });
        for (const h of f.holders) {
          sink.add('licence_holders', h.line, {
            server: f.server, feature: f.feature, product_line_code: f.plc, snapshot_at: snapshotAt, login: h.login, host: h.host, display: h.display,
            since: timeMs(h.since), licences: h.licences,
          });
        }
        sink.add('entitlements', f.line, {
          subscription_id: `${f.server ?? 'licence server'} ${f.feature}`, contract_number: `licence server ${f.server ?? ''}`.trim(),
          offering: f.plc, seat_quantity: f.issued, unlimited: false, start_date: null, end_date: f.expiry, autorenew_date: null,
          term: snapshotAt !== null ? `issued ${f.issued}, ${f.in_use} in use at ${new Date(snapshotAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : null, status: 'licence server', reseller_name: null, team: null,
        });
      }
      for (const r of parser.takeRejects()) sink.reject({ line: r.line, column: null, value: r.text.slice(0, 200), reason: r.reason });
    };
    return {
      line(text, lineNumber) {
        parser.push(text, lineNumber);
      },
      end(sink) {
        parser.end();
        if (parser.featureLines > 0 && parser.featureLines === parser.otherVendorFeatures) {
          throw new UnreadableFileError(`${context.fileName} is an lmstat snapshot of other vendors' features only: LRT Review reads Autodesk's adskflex features.`);
        }
        drain(sink);
      },
      counts() {
        const read = parser.featureLines - parser.otherVendorFeatures;
        return { read, loaded: read - parser.rejected, rejected: parser.rejected };
      },
      notes() {
        return [
          `${parser.snapshots} snapshot(s); each feature's issued count is a network licence count where no Subscriptions row covers its product.`,
          ...(parser.otherVendorFeatures > 0 ? [`${parser.otherVendorFeatures} feature(s) of other vendors were left out.`] : []),
        ];
      },
    };
  },
};
