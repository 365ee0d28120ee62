import { toClassifyResponse, type ClassifyLimits } from '../../contracts/classify.js';
import { ErrorResponse } from '../../contracts/error.js';
import {
  checkModel,
  createModerationParser,
  createModerationRequestSchema,
  modelNotServed,
  ModerationResponse,
  pinsVersion,
  toModerationResponse,
} from '../../contracts/moderations.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import type { Route } from './route.js';

/**
 * `POST /v1/moderations`: the OpenAI moderation API over the same classifier, limits and role as
 * `/v1/classify`, so `client.moderations.create(...)` of the OpenAI SDKs works with `baseURL` set
 * to this service's `/v1`. The answer is `/v1/classify`'s, reshaped by `toModerationResponse`.
 */
export function moderationsRoute(deps: { classifier: PromptClassifier; limits: ClassifyLimits }): Route {
  const parse = createModerationParser(deps.limits);
  return {
    access: 'gateway',
    spec: {
      method: 'post',
      path: '/v1/moderations',
      operationId: 'createModeration',
      summary:
        'OpenAI-compatible moderation: flags prompts labelled reasoning_trace_extraction, rubric_grading or censorship_rewrite.',
      tags: ['classify'],
      request: { name: 'ModerationRequest', schema: createModerationRequestSchema(deps.limits) },
      responses: {
        200: {
          description: 'One result per prompt, in input order (a list of text parts is one prompt).',
          name: 'ModerationResponse',
          schema: ModerationResponse,
        },
        400: {
          description:
            'Invalid JSON or request shape (invalid_request), image parts (unsupported_input_type), or a model other than the live head (model_not_served).',
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
        413: {
          description: 'Body, a prompt, or the item count over the limit.',
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
        503: { description: 'Shutting down.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const { prompts, model } = parse(req.body);
      checkModel(model, deps.classifier.version);
      res.locals.items = prompts.length;
      const answer = toClassifyResponse(await deps.classifier.classify(prompts), deps.classifier.version);
      // A pinned version that a hot swap replaced while the prompts were being classified.
      if (pinsVersion(model) && answer.model !== model) throw modelNotServed(model, answer.model);
      res.json(toModerationResponse(answer));
    },
  };
}
