import { z } from 'zod';

/** `limit` and `cursor`, as every list takes them. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(200).optional(),
};

/** Query booleans: only the words `true` and `false`. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
