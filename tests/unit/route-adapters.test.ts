// The route adapters' two halves (docs/decisions/0023): on the server, a use case's DomainError becomes the reply
// domainErrorReply always made (status, message or field messages, the submitted values); in the browser, that
// reply becomes conform's last result for the form it belongs to.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lastResultFor } from '~/components/reply-form';
import { DomainError } from '~/errors';
import { loadUseCase, runUseCase, submitForm } from '~/utils/route.server';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

/** What a loader or action answered, returned or thrown. */
async function answer(work: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    throw new Error('not a response');
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const schema = z.object({ intent: z.literal('save'), reason: z.string({ required_error: 'Enter a reason' }).min(1, 'Enter a reason'), secret: z.string().optional() });

describe('submitForm and runUseCase', () => {
  it('answers invalid input with 400 and the field messages, without running the use case', async () => {
    let ran = false;
    const reply = await answer(() => submitForm(form({ intent: 'save' }), schema, async () => (ran = true)));
    expect(reply.status).toBe(400);
    expect((await reply.json()).error).toEqual({ reason: ['Enter a reason'] });
    expect(ran).toBe(false);
  });

  it('turns a DomainError into its status and message, with what was submitted', async () => {
    const reply = await answer(() =>
      submitForm(form({ intent: 'save', reason: 'Patient unwell' }), schema, async () => {
        throw new DomainError('SLOT_TAKEN', 'This slot has just been booked. Choose another slot.');
      }),
    );
    expect(reply.status).toBe(409);
    expect(await reply.json()).toEqual({
      status: 'error',
      formError: 'This slot has just been booked. Choose another slot.',
      error: {},
      initialValue: { intent: 'save', reason: 'Patient unwell' },
    });
  });

  it('gives a DomainError with fields its field messages, and never sends hidden fields back', async () => {
    const reply = await answer(() =>
      submitForm(
        form({ intent: 'save', reason: 'x', secret: 'hunter2' }),
        schema,
        async () => {
          throw new DomainError('INVALID_INPUT', 'Check the form', { reason: ['Too short'] });
        },
        { hideFields: ['secret'] },
      ),
    );
    expect(reply.status).toBe(400);
    const body = await reply.json();
    expect(body.error).toEqual({ reason: ['Too short'] });
    expect(body.formError).toBeUndefined();
    expect(body.initialValue).toEqual({ intent: 'save', reason: 'x' });
  });

  it('throws NOT_FOUND and FORBIDDEN as plain responses for the error page', async () => {
    const notFound = await answer(() => runUseCase(async () => Promise.reject(new DomainError('NOT_FOUND', 'There is no such patient'))));
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toBe('There is no such patient');
    const forbidden = await answer(() => runUseCase(async () => Promise.reject(new DomainError('FORBIDDEN', 'Only a doctor can do this'))));
    expect(forbidden.status).toBe(403);
  });

  it('rethrows anything that is not a DomainError: a fault is never a form message', async () => {
    await expect(runUseCase(async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
  });

  it('returns what the use case returns', async () => {
    const done = await answer(() => runUseCase(async () => new Response(null, { status: 302, headers: { Location: '/done' } })));
    expect(done.status).toBe(302);
  });
});

describe('loadUseCase', () => {
  it('throws the reply of a DomainError, or the route’s own answer for it', async () => {
    const conflict = await answer(() => loadUseCase(async () => Promise.reject(new DomainError('LIST_CANCELLED', 'This list has been cancelled.'))));
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).formError).toBe('This list has been cancelled.');
    const own = await answer(() =>
      loadUseCase(
        async () => Promise.reject(new DomainError('LEAFLET_NOT_APPROVED', 'Not approved')),
        (error) => new Response(error.message, { status: error.status }),
      ),
    );
    expect(own.status).toBe(409);
    expect(await own.text()).toBe('Not approved');
  });
});

describe('lastResultFor (the reply as conform’s last result)', () => {
  const domainReply = { status: 'error', formError: 'This slot has just been booked.', error: {}, initialValue: { intent: 'move', slotId: 's1' } };

  it('makes a domain error’s message the form’s error, keeping the submitted values', () => {
    expect(lastResultFor(domainReply)).toMatchObject({ status: 'error', error: { '': ['This slot has just been booked.'] }, initialValue: { intent: 'move', slotId: 's1' } });
  });

  it('belongs only to the form whose intent it was sent with', () => {
    expect(lastResultFor(domainReply, 'move')).toBeDefined();
    expect(lastResultFor(domainReply, ['cancel', 'move'])).toBeDefined();
    expect(lastResultFor(domainReply, 'cancel')).toBeUndefined();
  });

  it('belongs to every form when it carries no submitted values (a refusal of the whole page)', () => {
    const refusal = { status: 'error', formError: 'Choose what to do on this page.', error: {} };
    expect(lastResultFor(refusal, 'cancel')?.error).toEqual({ '': ['Choose what to do on this page.'] });
    // null is conform's "reset the form", which would drop the message: it is passed on as no values.
    expect(lastResultFor({ ...refusal, initialValue: null }, 'move')?.initialValue).toBeUndefined();
  });

  it('passes conform’s own replies through, field messages and all, and ignores anything that is not an error', () => {
    expect(lastResultFor({ status: 'error', error: { reason: ['Enter a reason'] }, initialValue: { intent: 'cancel' } }, 'cancel')?.error).toEqual({
      reason: ['Enter a reason'],
    });
    expect(lastResultFor({ created: { id: 'x' } })).toBeUndefined();
    expect(lastResultFor(undefined)).toBeUndefined();
  });
});
