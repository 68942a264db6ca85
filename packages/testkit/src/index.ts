export {
  eventStoreDbServer,
  kafkaServer,
  portAnswers,
  redisServer,
  serversRequired,
  stopStartedContainers,
} from './servers.ts';
export type { ServerAvailability } from './servers.ts';
export { deleteRedisKeys } from './redisKeys.ts';
