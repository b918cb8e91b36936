import { afterEach, describe, expect, it } from 'vitest'
import { simulate } from '../src/index.js'
import { startCountingServer } from './helpers/counting-server.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

describe('simulate() timing', () => {
  it('sends a traject burst at 6-12 posts/s starting about 140 ms before the event', async () => {
    const server = await startCountingServer()
    const summary = await simulate({
      target: server.url,
      mode: 'ipc',
      cameras: 1,
      kinds: ['perimeter'],
      count: 1,
      images: 'none',
      seed: 3,
    })
    expect(summary).toMatchObject({ failed: 0, posts: server.posts.length })
    const traject = server.posts.filter((post) => post.body.includes('<traject'))
    const event = server.posts.find((post) => post.body.includes('<smartType'))
    const first = traject[0]
    const last = traject.at(-1)
    if (first === undefined || last === undefined || event === undefined) throw new Error('missing')
    const perSecond = (traject.length - 1) / ((last.at - first.at) / 1000)
    expect(perSecond).toBeGreaterThanOrEqual(5)
    expect(perSecond).toBeLessThanOrEqual(13)
    expect(event.at - first.at).toBeGreaterThanOrEqual(100)
    expect(event.at - first.at).toBeLessThan(400)
    // One true/false pair of perimeterAlarm per alarm period.
    const status = server.posts.filter((post) => post.body.includes('<alarmStatusInfo'))
    expect(status.map((post) => />(true|false)</.exec(post.body.toString())?.[1])).toEqual([
      'true',
      'false',
    ])
  })

  it('is deterministic for a seed apart from timestamps', async () => {
    const bodies: string[][] = []
    for (let run = 0; run < 2; run++) {
      const server = await startCountingServer()
      await simulate({
        target: server.url,
        mode: 'mixed',
        cameras: 2,
        count: 4,
        rate: 5,
        images: 'small',
        seed: 42,
      })
      bodies.push(
        server.posts
          .map((post) =>
            post.body
              .toString()
              .replace(/\d{10,}/g, 'T')
              .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'D'),
          )
          .sort(),
      )
    }
    expect(bodies[0]).toEqual(bodies[1])
  })
})
