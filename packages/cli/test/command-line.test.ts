import { describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli-process.js'

describe('viewtron command line', () => {
  it.each([
    [['serve', '--prot', '80'], "viewtron serve: unknown option '--prot'"],
    [
      ['simulate', '--target', 'http://x', '--mode', 'cloud'],
      '--mode must be one of ipc, nvr, mixed',
    ],
    [['simulate', '--cameras', '2'], '--target URL is required'],
    [['simulate', '--target', 'ftp://x'], '--target must be an http:// or https:// URL'],
    [['simulate', '--target', 'http://x', '--count', '2', '--duration', '1'], 'not both'],
    [['serve', '--categories', 'lpr,cars'], "'cars' is not one of lpr, face"],
    [['serve', '--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['parse'], 'give at least one FILE'],
    [['demo', '--seconds', 'soon'], '--seconds must be a number greater than 0'],
    [['fly'], "viewtron: unknown command 'fly'"],
  ])('rejects %j with exit code 2', async (args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stderr).toMatch(/Run 'viewtron( \w+)? --help' for usage\./)
    expect(run.stdout).toBe('')
  })

  it.each(['serve', 'simulate', 'parse', 'demo'])('prints the help of %s', async (command) => {
    const run = await runCli([command, '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^Usage: viewtron ${command}`))
  })

  it('prints the overview with --help and the version with --version', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['demo', 'serve', 'simulate', 'parse'])
      expect(help.stdout).toContain(command)
    const version = await runCli(['--version'])
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    const bare = await runCli([])
    expect(bare.code).toBe(2)
  })
})
