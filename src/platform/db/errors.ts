import { DomainError } from '../../core/errors.js';

/** Maps a unique/foreign-key violation to a domain error naming the field; rethrows anything else. */
export function rethrowConstraint(error: unknown, fields: Record<string, { pointer: string; detail: string }>): never {
  const e = error as { code?: string; constraint?: string };
  if ((e.code === '23505' || e.code === '23503') && e.constraint) {
    const field = fields[e.constraint];
    if (field) {
      throw new DomainError(e.code === '23505' ? 'CONFLICT' : 'BUSINESS_RULE', field.detail, {
        fields: [
          {
            in: 'body',
            pointer: field.pointer,
            code: e.code === '23505' ? 'duplicate' : 'unknown_reference',
            detail: field.detail,
          },
        ],
      });
    }
  }
  throw error;
}
