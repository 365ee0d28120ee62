/**
 * Identifiers, validated once here for bodies and URL paths alike: an account id accepted in a
 * `POST` is exactly one a `GET` can address. Every identifier is well-formed Unicode (no lone
 * surrogate, which cannot be stored as UTF-8 or written in a URL) and free of control characters.
 */
import { z } from 'zod';

/** Control characters (C0, DEL, C1): never part of an identifier. */
const CONTROL = /\p{Cc}/u;

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Well-formed UTF-16 (encodable as UTF-8) without control characters. */
export const isWellFormedText = (s: string): boolean => !LONE_SURROGATE.test(s) && !CONTROL.test(s);

const wellFormed = isWellFormedText;

/** A free-form identifier of 1 to `max` characters. */
const identifier = (max: number) =>
  z.string().min(1).max(max).refine(wellFormed, { error: 'expected well-formed Unicode without control characters' });

export const AccountId = identifier(256).describe('The account at the LLM API (1 to 256 characters).');
export const RequestId = identifier(256).describe('The gateway request id (1 to 256 characters).');

export const CLUSTER_ID_PATTERN = /^cl_[0-9a-f]{16}$/;
export const ClusterId = z
  .string()
  .regex(CLUSTER_ID_PATTERN, { error: 'expected cl_ followed by 16 hex characters' })
  .describe('A cluster id of the latest cluster pass.');

export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const JobId = z
  .string()
  .regex(JOB_ID_PATTERN, { error: 'expected 1 to 64 letters, digits, _ or -' })
  .describe('A re-scoring job id.');

/** A head version directory name, or `current`. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const ModelName = z
  .string()
  .regex(MODEL_NAME_PATTERN, { error: 'expected a head version name or "current"' })
  .refine((s) => !s.includes('..'), { error: 'expected a head version name or "current"' })
  .describe('Prompt head version (a directory name under the models directory) or "current".');

/** `:id` of the account routes. */
export const AccountPath = z.object({ id: AccountId });
/** `:id` of the cluster routes. */
export const ClusterPath = z.object({ id: ClusterId });
/** `:id` of the job routes. */
export const JobPath = z.object({ id: JobId });
