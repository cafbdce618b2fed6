/** Codes of the problems that stop a document from being rendered. */
export type RenderErrorCode = 'E_INVALID_REPORT' | 'E_GLYPH_MISSING' | 'E_TOO_LARGE' | 'E_FONT' | 'E_TYPESET';

/** Why a report could not be rendered: a code for programs and a Chinese message for people. */
export class RenderError extends Error {
  override readonly name = 'RenderError';
  constructor(
    readonly code: RenderErrorCode,
    message: string,
    /** One line per problem (invalid cells, missing characters with where they occur). */
    readonly details: string[] = [],
  ) {
    super(details.length ? `${message}\n${details.map((d) => `  ${d}`).join('\n')}` : message);
  }
}
