// API reference of every published package: `pnpm run docs` writes it to docs/api/ (not committed).
// Each package is converted on its own from its TSDoc (entry point src/index.ts) and the results
// are merged into one site. Any warning fails the run: every public export must be documented
// and every {@link} must resolve. A package's own `typedoc.config.mjs` adds its options.

const validation = { notExported: true, invalidLink: true, notDocumented: true }

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'viewtron-ts',
  entryPointStrategy: 'packages',
  entryPoints: [
    'packages/core',
    'packages/helpers',
    'packages/camera',
    'packages/mqtt',
    'packages/store',
    'packages/monitor',
    'packages/cli',
  ],
  packageOptions: {
    entryPoints: ['src/index.ts'],
    tsconfig: 'tsconfig.build.json',
    excludePrivate: true,
    excludeInternal: true,
    // Source links would need a public repository URL; a clone's own remote (a path, or none)
    // makes TypeDoc warn instead.
    disableSources: true,
    validation,
  },
  disableSources: true,
  out: 'docs/api',
  readme: 'none',
  validation,
  treatWarningsAsErrors: true,
}
