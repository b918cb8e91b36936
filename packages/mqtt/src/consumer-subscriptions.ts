import { EVENT_CATEGORIES, type EventCategory } from '@viewtron/core'

/** One subscription of the consumer: QoS 1, and retain handling where MQTT v5 has it. */
export type ConsumerSubscription = { qos: 1; rh?: number }

/**
 * The topic filters of a consumer. Without `categories` it takes every category but `traject`
 * (tracking is the bulk of a camera's traffic and only published with the bridge's
 * `traject: true`); ask for `traject` by name to get it.
 */
export function consumerSubscriptions(
  prefix: string,
  categories: readonly EventCategory[] | null,
  group: string | undefined,
  v5: boolean,
): Record<string, ConsumerSubscription> {
  const levels =
    categories === null
      ? EVENT_CATEGORIES.filter((category) => category !== 'traject')
      : [...new Set(categories)]
  const share = group === undefined ? '' : `$share/${group}/`
  const subscriptions: Record<string, ConsumerSubscription> = {}
  for (const category of levels) {
    subscriptions[`${share}${prefix}/+/${category}/event`] = { qos: 1 }
    // Every consumer sees every image (retained old ones skipped), so an event taken by any
    // member of the group finds its images. Traject events carry none.
    if (category !== 'traject') {
      subscriptions[`${prefix}/+/${category}/image/+`] = v5 ? { qos: 1, rh: 2 } : { qos: 1 }
    }
  }
  return subscriptions
}
