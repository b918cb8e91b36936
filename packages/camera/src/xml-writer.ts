/** The envelope every write carries (always 2.1.0, which every firmware accepts). */
const ENVELOPE_START =
  '<?xml version="1.0" encoding="UTF-8"?><config version="2.1.0" xmlns="http://www.ipc.com/ver10">'

// Characters XML 1.0 cannot carry at all, even in CDATA: C0 controls but tab, CR and LF, lone
// surrogates, U+FFFE and U+FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u

/** A request body: `inner` inside the `<config>` envelope. */
export function envelope(inner = ''): string {
  return `${ENVELOPE_START}${inner}</config>`
}

/**
 * A value in CDATA. `]]>` cannot occur inside one section, so it is split across two, which
 * every XML parser joins back: any text, `&`, `<` and non-ASCII included, round-trips unchanged.
 */
export function cdata(value: string): string {
  if (NOT_XML.test(value)) {
    throw new RangeError(`${JSON.stringify(value)} holds a character XML cannot carry`)
  }
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}

/** `<name attrs><![CDATA[value]]></name>`; attribute values are our own constants. */
export function cdataElement(name: string, value: string, attrs = ''): string {
  return `<${name}${attrs}>${cdata(value)}</${name}>`
}

/** `<name>` around already-built inner XML (or a number). */
export function element(name: string, inner: string | number, attrs = ''): string {
  return `<${name}${attrs}>${inner}</${name}>`
}
