/** Where BullMQ keeps every queue of one service: under `<ACCOUNT_PREFIX>:bull` (the one place that says so). */
export const bullPrefix = (prefix: string): string => `${prefix}:bull`;
