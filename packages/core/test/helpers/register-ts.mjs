// `node --import ./test/helpers/register-ts.mjs script.ts` runs TypeScript sources (see ts-hooks.mjs).
import { register } from 'node:module'

register('./ts-hooks.mjs', import.meta.url)
