import { uuidv7 } from 'uuidv7';

/** A new time-ordered id (UUIDv7), used for every row. */
export const newId = (): string => uuidv7();
