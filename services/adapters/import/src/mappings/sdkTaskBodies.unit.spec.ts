import type {
  AssignTaskBody,
  BlockTaskBody,
  CancelTaskBody,
  ChangeDueDateBody,
  CompleteTaskBody,
  CreateTaskBody,
  DeclineTaskBody,
  ReportProgressBody,
  UnblockTaskBody,
  VerifyTaskBody,
} from '@backbone/adapter-sdk';
import { taskCommandBodies } from '@backbone/service-tasks';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';

type Accepts<K extends keyof typeof taskCommandBodies> = z.input<(typeof taskCommandBodies)[K]>;
/** The SDK takes readonly arrays; JSON makes no difference. */
type ReadonlyArrays<T> = { readonly [P in keyof T]: T[P] extends (infer U)[] | undefined ? readonly U[] | Extract<T[P], undefined> : T[P] };

// The SDK's command client cannot import the tasks service (packages never import services), so
// its body types are written by hand; this pins them to the API's zod schemas (checked by tsc).
describe("the adapter SDK's task command bodies", () => {
  it('are what the tasks API accepts', () => {
    expectTypeOf<CreateTaskBody>().toExtend<Accepts<'createTask'>>();
    expectTypeOf<AssignTaskBody>().toExtend<ReadonlyArrays<Accepts<'assignTask'>>>();
    expectTypeOf<DeclineTaskBody>().toExtend<Accepts<'declineTask'>>();
    expectTypeOf<ReportProgressBody>().toExtend<Accepts<'reportProgress'>>();
    expectTypeOf<BlockTaskBody>().toExtend<Accepts<'blockTask'>>();
    expectTypeOf<UnblockTaskBody>().toExtend<Accepts<'unblockTask'>>();
    expectTypeOf<CompleteTaskBody>().toExtend<Accepts<'completeTask'>>();
    expectTypeOf<VerifyTaskBody>().toExtend<Accepts<'verifyTask'>>();
    expectTypeOf<CancelTaskBody>().toExtend<Accepts<'cancelTask'>>();
    expectTypeOf<ChangeDueDateBody>().toExtend<Accepts<'changeDueDate'>>();
  });

  it('cover every field the API accepts', () => {
    expectTypeOf<Accepts<'createTask'>>().toExtend<CreateTaskBody>();
    expectTypeOf<Accepts<'reportProgress'>>().toExtend<ReportProgressBody>();
    expectTypeOf<Accepts<'blockTask'>>().toExtend<BlockTaskBody>();
    expectTypeOf<Accepts<'verifyTask'>>().toExtend<VerifyTaskBody>();
  });
});
