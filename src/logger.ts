import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. The token appears in every Bot API URL, so it is scrubbed from any string
 * a log line carries (error messages from fetch include the URL), not only from known fields.
 */
export function createLogger(level: string, secrets: string[] = [], destination?: pino.DestinationStream): Logger {
  const live = secrets.filter((s) => s.length >= 8);
  const scrub = (s: string) => live.reduce((acc, secret) => acc.split(secret).join('[REDACTED]'), s);
  const deepScrub = (v: unknown, depth = 0): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (depth > 4 || v === null || typeof v !== 'object') return v;
    if (v instanceof Error) return { type: v.name, message: scrub(v.message), stack: v.stack && scrub(v.stack) };
    if (Array.isArray(v)) return v.map((x) => deepScrub(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepScrub(x, depth + 1)]));
  };
  return pino(
    {
      level,
      base: { app: 'kh457-bot' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => deepScrub(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
