/**
 * The layers of src/, lowest first: each may import only the layers below it (and itself). A wrong-way import fails
 * `npm run check` with the name of the rule it breaks. Type-only imports count too.
 */
const LAYERS = [
  ['lib', 'leaf utilities: IP and CIDR, dates, CSV escaping, money amounts, hashing'],
  ['demo', 'the demo estate generator'],
  ['settings', 'the review settings document'],
  ['db', 'the database seam (the Runner and its start-ups) and the fact tables'],
  ['catalogue', 'the product catalogue'],
  ['ingest', 'bytes to fact tables'],
  ['rules', 'the rulebook, one rule a file, and the SQL they share'],
  ['review', 'the window, the overview and running the rules'],
  ['money', 'exposure, savings and break-even'],
  ['deliverables', 'the files a client reads, snapshots'],
  ['engine', 'the Engine facade, its API and the worker'],
  ['ui', 'the page'],
  ['cli', 'the headless twin'],
];

/** Layers that sit side by side at the top and must not import each other. */
const PEERS = { ui: ['cli'], cli: ['ui'] };

const layerPath = (name) => `^src/${name}/`;

const forbidden = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'An import cycle (type-only imports included): a layer must not reach back into a module that imports it.',
    from: {},
    to: { circular: true },
  },
  ...LAYERS.flatMap(([name, what], i) => {
    const banned = [...LAYERS.slice(i + 1).map(([upper]) => upper), ...(PEERS[name] ?? [])];
    if (banned.length === 0) return [];
    return [
      {
        name: `${name}-imports-only-lower-layers`,
        severity: 'error',
        comment: `src/${name}/ (${what}) may import only the layers below it; not ${banned.join(', ')}.`,
        from: { path: layerPath(name) },
        to: { path: `^src/(${banned.join('|')})/` },
      },
    ];
  }),
  {
    name: 'top-level-files-are-entry-points',
    severity: 'error',
    comment: 'Only entry points (src/main.ts) live at the top of src/: nothing imports them.',
    from: { path: '^src/' },
    to: { path: '^src/[^/]+\\.ts$' },
  },
];

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.svelte', '.js', '.json'] },
    exclude: { path: '\\.json$' },
  },
};
