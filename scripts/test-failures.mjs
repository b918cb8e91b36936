#!/usr/bin/env node
// Lists every failed test from the JSON reports vitest wrote into the directory given (one file per
// package and Node line), with the start of each failure message. Prints nothing when none failed.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: test-failures.mjs REPORT_DIR')
  process.exit(2)
}
let files = []
try {
  files = readdirSync(dir).filter((name) => name.endsWith('.json'))
} catch {
  process.exit(0)
}
const lines = []

/** The message and the test's own stack frames: the test runner's frames say nothing. */
function excerpt(message) {
  return message
    .split('\n')
    .filter((line) => !line.includes('node_modules') && !line.includes('(<anonymous>)'))
    .slice(0, 20)
    .map((line) => `    ${line.slice(0, 400)}`)
}
for (const file of files.sort()) {
  let report
  try {
    report = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  } catch (error) {
    lines.push(`${file}: report unreadable (${error.message})`)
    continue
  }
  for (const suite of report.testResults ?? []) {
    const failed = (suite.assertionResults ?? []).filter((t) => t.status === 'failed')
    // A file can fail without a failed test (an import error, a hook, an unhandled rejection).
    if (failed.length === 0 && suite.status === 'failed') {
      lines.push(`${file}: ${suite.name}: ${String(suite.message ?? '').slice(0, 1500)}`)
    }
    for (const test of failed) {
      lines.push(`${file}: ${suite.name} > ${test.fullName}`)
      for (const message of test.failureMessages ?? []) lines.push(...excerpt(message))
    }
  }
}
if (lines.length > 0) {
  console.log('== failed tests')
  for (const line of lines) console.log(line)
}
