// The bounds of history retention: the settings dialog checks them as the user types, main when
// it saves them (the contract's historyRetentionSchema). Pure code.
export const RETENTION_MAX = { keepLast: 10_000_000, keepDays: 36_500 } as const;
