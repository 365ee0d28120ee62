import { z } from 'zod';

/** Body of every error response. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('Machine-readable snake_case code, e.g. invalid_request, payload_too_large.'),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ title: 'ErrorResponse' });
