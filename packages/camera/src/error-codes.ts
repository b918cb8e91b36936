/** The camera's documented error codes and what they mean. */
export const CAMERA_ERROR_CODES: Readonly<Record<number, string>> = {
  1: 'Invalid request',
  2: 'Invalid XML format',
  3: 'Invalid XML content',
  4: 'Permission denied',
  5: 'Client blocked by the allow/block list',
  7: 'System busy',
  8: 'Password expired',
  9: 'Unauthorized (bad user or password)',
  10: 'User locked',
  11: 'Unsupported function',
  15: 'Missing required parameter',
  16: 'Range error',
  17: 'Service not enabled',
  18: 'Modification not allowed',
  19: 'Over specifications',
  20: 'Resources not exist',
  79: 'Internal error',
  201: 'Plate error',
  202: 'Plate library full',
  203: 'Plate already exists',
  204: 'Plate not found',
  205: 'Plate group already exists',
  206: 'Plate group limit reached',
  207: 'Plate group does not exist',
}

/** The documented meaning of `code`, or `error code N` for codes the documents do not name. */
export function describeCode(code: number): string {
  return CAMERA_ERROR_CODES[code] ?? `error code ${code}`
}
