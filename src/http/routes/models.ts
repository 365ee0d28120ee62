import { ErrorResponse } from '../../contracts/error.js';
import { ModelsResponse } from '../../contracts/models.js';
import { listModelVersions } from '../../features/lifecycle/version-list.js';
import type { Route } from './route.js';

/** `GET /v1/models`: the head versions in the registry, with `live: true` on the one serving here. */
export function modelsRoute(deps: { modelsDir: string; liveVersion: () => string }): Route {
  return {
    access: 'admin',
    spec: {
      method: 'get',
      path: '/v1/models',
      operationId: 'listModels',
      summary: 'Prompt-head versions in the registry, which one is live here and which one current.json names.',
      tags: ['models'],
      responses: {
        200: { description: 'Versions, newest first.', name: 'ModelsResponse', schema: ModelsResponse },
        401: { description: 'Missing or unknown API key.', name: 'ErrorResponse', schema: ErrorResponse },
        403: { description: 'The key is not an admin key.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (_req, res) => {
      res.json(await listModelVersions(deps.modelsDir, deps.liveVersion()));
    },
  };
}
