import {
  ClassifyResponse,
  createClassifyRequestSchema,
  parseClassifyRequest,
  toClassifyResponse,
  type ClassifyLimits,
} from '../../contracts/classify.js';
import { ErrorResponse } from '../../contracts/error.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import type { Route } from './route.js';

/** `POST /v1/classify`: labels one prompt or a list, answering in the OpenAI moderation shape. */
export function classifyRoute(deps: { classifier: PromptClassifier; limits: ClassifyLimits }): Route {
  const requestSchema = createClassifyRequestSchema(deps.limits);
  return {
    access: 'gateway',
    spec: {
      method: 'post',
      path: '/v1/classify',
      operationId: 'classify',
      summary: 'Label prompts as reasoning_trace_extraction, rubric_grading, censorship_rewrite or benign.',
      tags: ['classify'],
      request: { name: 'ClassifyRequest', schema: requestSchema },
      responses: {
        200: {
          description: 'One result per prompt, in input order.',
          name: 'ClassifyResponse',
          schema: ClassifyResponse,
        },
        400: { description: 'Invalid JSON or request shape.', name: 'ErrorResponse', schema: ErrorResponse },
        413: {
          description: 'Body, a prompt, or the item count over the limit.',
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
        503: { description: 'Shutting down.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const { input } = parseClassifyRequest(requestSchema, req.body);
      const prompts = typeof input === 'string' ? [input] : input;
      res.locals.items = prompts.length;
      res.json(toClassifyResponse(await deps.classifier.classify(prompts), deps.classifier.version));
    },
  };
}
