/** The seed's three banner lines (as `ViewtronServer.serveForever()` prints them). */
export function banner(url: string): string {
  return `\nViewtron Event Server\nListening on ${url}\nReady for camera events...\n\n`
}
