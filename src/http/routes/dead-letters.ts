import { DeadLetterList, DeadLetterQuery } from '../../contracts/dead-letters.js';
import { ErrorResponse } from '../../contracts/error.js';
import { invalidRequest, issuesToDetails } from '../../errors.js';
import type { DeadLetters } from '../../queues/producers/dead-letters.js';
import type { Route } from './route.js';

/** `GET /v1/dead-letters`: jobs that failed for good, oldest first, with their errors (admin). */
export function deadLettersRoute(deps: { deadLetters: Pick<DeadLetters, 'list'> }): Route {
  return {
    access: 'admin',
    spec: {
      method: 'get',
      path: '/v1/dead-letters',
      operationId: 'listDeadLetters',
      summary: 'Jobs that failed for good (poison events, exhausted retries), with the error (query: limit, offset).',
      tags: ['ops'],
      responses: {
        200: { description: 'A page of dead letters and the total.', name: 'DeadLetterList', schema: DeadLetterList },
        400: { description: 'Invalid query.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const parsed = DeadLetterQuery.safeParse(req.query);
      if (!parsed.success) throw invalidRequest('Invalid query.', issuesToDetails(parsed.error.issues));
      res.json(await deps.deadLetters.list(parsed.data));
    },
  };
}
