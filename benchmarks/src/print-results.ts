import { textTable } from './report/table.js'
import {
  concurrencyTable,
  costTable,
  latencyTable,
  memoryTable,
  plateSearchTable,
  profileTable,
  storeTable,
  targetsTable,
  throughputTable,
} from './report/tables.js'
import type { BenchResults } from './results.js'
import { bridgeTable } from './scenarios/mqtt-bridge.js'

/** Prints every table that has rows to stdout, each under its title. */
export function printResults(results: BenchResults): void {
  const print = (title: string, table: string[][]) => {
    if (table.length > 1) process.stdout.write(`\n${title}\n${textTable(table)}\n`)
  }
  print('Throughput and latency (ratio = ours / null server, same run)', throughputTable(results))
  print('Server CPU per post, taken apart (µs)', costTable(results))
  print('Latency at a fixed offered rate (open loop)', latencyTable(results))
  if (results.bridge !== undefined)
    print('MQTT bridge, end to end (real Mosquitto)', bridgeTable(results.bridge))
  print('Memory: one large post', memoryTable(results))
  print('Concurrency: 5 MiB posts, slow consumer', concurrencyTable(results))
  print('Where time goes (µs per post, from --cpu-prof)', profileTable(results))
  print('Event store beside the plain server (ratio = with store / without)', storeTable(results))
  print('Plate search', plateSearchTable(results))
  print('Targets', targetsTable(results))
}
