/** This package's version, for the Home Assistant `origin` block. */
export const VERSION = '0.1.0'
