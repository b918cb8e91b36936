// Writes the fixture posts from the built package: `pnpm --filter @viewtron/fixtures run write-posts`
// (the script builds first). Plain JavaScript, since Node 20 cannot run TypeScript directly.
import { writePosts } from '../dist/index.js'

const { written, removed } = writePosts()
console.log(`write-posts: ${written} files written`)
for (const file of removed) console.log(`write-posts: removed stale ${file}`)
