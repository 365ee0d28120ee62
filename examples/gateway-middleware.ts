/**
 * An express LLM gateway that reports every request to distill-guard before forwarding it.
 * The guard call has a 50 ms deadline and fails open: if distill-guard is slow or down, the
 * request is served as if the account were allowed.
 *
 *   DISTILL_GUARD_URL=http://127.0.0.1:8080 DISTILL_GUARD_API_KEY=<gateway key> npx tsx examples/gateway-middleware.ts
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createClient } from '../src/client/index.js';

const guard = createClient({
  baseUrl: process.env.DISTILL_GUARD_URL ?? 'http://127.0.0.1:8080',
  timeoutMs: 50,
  ...(process.env.DISTILL_GUARD_API_KEY !== undefined ? { apiKey: process.env.DISTILL_GUARD_API_KEY } : {}),
});

async function distillGuard(req: Request, res: Response, next: NextFunction): Promise<void> {
  const body = req.body as { messages?: { role: string; content: string }[] };
  const prompt = body.messages?.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const accountId = req.header('x-account-id') ?? 'anonymous';
  if (prompt === '') return next();
  const verdict = await guard.reportEvent({
    request_id: req.header('x-request-id') ?? randomUUID(),
    account_id: accountId,
    timestamp: new Date().toISOString(),
    prompt,
    metadata: {
      ip: req.ip ?? '0.0.0.0',
      payment_fingerprint: req.header('x-payment-fingerprint') ?? 'unknown',
      user_agent: req.header('user-agent') ?? '',
    },
  });
  if (!verdict.ok) return next(); // fail open
  const { action, level } = verdict.value.account;
  res.setHeader('x-distill-guard-level', level);
  if (action === 'block') {
    res.status(403).json({ error: { code: 'account_blocked', message: 'This account is blocked pending review.' } });
    return;
  }
  if (action === 'throttle') res.locals.maxTokens = 256;
  next();
}

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post(
  '/v1/chat/completions',
  (req, res, next) => void distillGuard(req, res, next),
  (_req, res) => {
    // Forward to the model here; this example answers with a stub.
    res.json({
      choices: [{ message: { role: 'assistant', content: 'stub answer' } }],
      max_tokens: res.locals.maxTokens ?? null,
    });
  },
);
app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => console.log('gateway listening'));
