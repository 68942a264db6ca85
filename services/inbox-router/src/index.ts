export { INBOX_ROUTER, startInboxRouter } from './router/inboxRouter.ts';
export type { InboxRouterOptions, RunningInboxRouter } from './router/inboxRouter.ts';
export { departmentsNamedIn, grantOf, routeEvent } from './routing/routeEvent.ts';
export type { AggregateParties, RoutableEvent, Routing } from './routing/routeEvent.ts';
