// Native addons (better-sqlite3) compile at install. node-gyp would download Node's headers
// unless told where they are, and pnpm passes no npm_config_nodedir from .npmrc to install
// scripts: point it at the running Node's own headers when that installation ships them, so
// `pnpm install` works on a machine that reaches only the package registry. An explicit
// npm_config_nodedir (as for another Node line) wins.
const { existsSync } = require('node:fs')
const { dirname, join } = require('node:path')

module.exports = {
  hooks: {
    updateConfig(config) {
      const prefix = dirname(dirname(process.execPath))
      if (
        // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by pnpm at install, not by a turbo task
        process.env.npm_config_nodedir ||
        !existsSync(join(prefix, 'include', 'node', 'node.h'))
      ) {
        return config
      }
      config.extraEnv = { ...config.extraEnv, npm_config_nodedir: prefix }
      return config
    },
  },
}
