import { describe, expect, it } from 'vitest';
import { newCallId, newGrantId, newPoolId, poolIdOfCall, poolIdOfGrant, requireApplicationId, requirePolicyId, requirePoolId } from './resourceIds.ts';

const uuid = () => '0b9f4c1e-3f65-4a57-9d0b-5a4c2f1e7d21';

describe('resource ids', () => {
  it('names the pool in the ids of its calls and grants, within the 100 characters of a ResourceId', () => {
    const poolId = newPoolId(uuid);
    const callId = newCallId(poolId, uuid);
    const grantId = newGrantId(poolId, uuid);
    expect([poolIdOfCall(callId), poolIdOfGrant(grantId)]).toEqual([poolId, poolId]);
    expect(Math.max(callId.length, grantId.length)).toBeLessThanOrEqual(100);
    expect(`task-grant-${grantId}`.length).toBeLessThanOrEqual(200);
  });

  it.each(['pool-1', 'pool-1.grant-2', 'application-1.call-2', 'pool-1.call-', 'pool-1.call-2.call-3', ''])(
    'answers call-not-found for %j, which is not a call id',
    (id) => {
      expect(() => poolIdOfCall(id)).toThrow(expect.objectContaining({ code: 'not_found', rule: 'call-not-found' }));
    },
  );

  it('answers grant-not-found for a call id', () => {
    expect(() => poolIdOfGrant('pool-1.call-2')).toThrow(expect.objectContaining({ rule: 'grant-not-found' }));
  });

  it('never lets an id of one kind of aggregate be read as another', () => {
    expect(() => requirePoolId('application-1')).toThrow(expect.objectContaining({ rule: 'pool-not-found' }));
    expect(() => requireApplicationId('pool-1')).toThrow(expect.objectContaining({ rule: 'application-not-found' }));
    expect(() => requirePolicyId('task-1')).toThrow(expect.objectContaining({ rule: 'policy-not-found' }));
    expect([requirePoolId('pool-1'), requireApplicationId('application-1'), requirePolicyId('policy-1')]).toEqual(['pool-1', 'application-1', 'policy-1']);
  });
});
