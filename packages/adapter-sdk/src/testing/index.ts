export { envelopeOf, receivedEventOf } from './events.ts';
export type { EnvelopeOptions } from './events.ts';
