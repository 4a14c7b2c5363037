import type { Runner } from '../db/runner.ts';

/** Who held a licence at a snapshot. */
export interface LicenceHolder {
  login: string;
  host: string | null;
  /** When the checkout began (`YYYY-MM-DD HH:MM`, UTC). */
  since: string | null;
  licences: number;
}

/** One feature of one licence server at its latest lmstat snapshot. */
export interface LicenceFeatureCount {
  server: string | null;
  feature: string;
  product: string;
  issued: number | null;
  in_use: number | null;
  /** The snapshot's time, `YYYY-MM-DD HH:MM`, UTC. */
  snapshot_time: string | null;
  expiry: string | null;
  holders: LicenceHolder[];
}

/** One product's licences issued and in use at one snapshot, over every server and feature: the lmstat series. */
export interface LicenceSnapshotPoint {
  product: string;
  snapshot_time: string;
  issued: number;
  in_use: number;
}

export interface LicenceCounts {
  features: LicenceFeatureCount[];
  snapshots: LicenceSnapshotPoint[];
}

const TIME = (column: string) => `strftime(${column}, '%Y-%m-%d %H:%M')`;

/** What the lmstat snapshots loaded say, whatever the review window: the latest count per feature, and the series. */
export async function licenceCounts(runner: Runner): Promise<LicenceCounts> {
  const [any] = await runner.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM licence_snapshots) AS "any"');
  if (!any?.any) return { features: [], snapshots: [] };
  const features = await runner.query<LicenceFeatureCount>(
    `WITH latest AS (
       SELECT * FROM licence_snapshots QUALIFY row_number() OVER (PARTITION BY server, feature ORDER BY snapshot_at DESC NULLS LAST, file_id DESC, line DESC) = 1
     )
     SELECT l.server, l.feature, catalogue_name(l.product_line_code, l.product_line_code) AS product, l.issued, l.in_use,
            ${TIME('l.snapshot_at')} AS snapshot_time, strftime(l.expiry, '%Y-%m-%d') AS expiry,
            coalesce((SELECT list({'login': h.login, 'host': h.host, 'since': ${TIME('h.since')}, 'licences': coalesce(h.licences, 1)} ORDER BY h.since, h.login, h.host)
                      FROM licence_holders h
                      WHERE h.server IS NOT DISTINCT FROM l.server AND h.feature = l.feature AND h.snapshot_at IS NOT DISTINCT FROM l.snapshot_at), []) AS holders
     FROM latest l ORDER BY product, l.feature, l.server`,
  );
  const snapshots = await runner.query<LicenceSnapshotPoint>(
    `SELECT catalogue_name(product_line_code, product_line_code) AS product, ${TIME('snapshot_at')} AS snapshot_time,
            sum(issued)::INTEGER AS issued, sum(in_use)::INTEGER AS in_use
     FROM licence_snapshots WHERE snapshot_at IS NOT NULL GROUP BY ALL ORDER BY product, snapshot_time`,
  );
  return { features, snapshots };
}
