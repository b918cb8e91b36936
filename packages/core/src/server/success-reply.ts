/**
 * The body every POST must get (protocol §1.4): 126 bytes, no whitespace between the tags.
 * Devices that get no such reply drop the connection and deliver events only intermittently.
 */
export const SUCCESS_REPLY =
  '<?xml version="1.0" encoding="UTF-8"?><config version="1.0" xmlns="http://www.ipc.com/ver10"><status>success</status></config>'

/** {@link SUCCESS_REPLY} as bytes, built once and written to every acknowledged post. */
export const SUCCESS_REPLY_BYTES: Buffer = Buffer.from(SUCCESS_REPLY, 'utf8')

/** Headers of the success reply, exactly as the protocol gives them. */
export const SUCCESS_REPLY_HEADERS = Object.freeze({
  'Content-Type': 'application/xml',
  'Content-Length': String(SUCCESS_REPLY_BYTES.length),
})
