import { describe, expect, it } from 'vitest';
import { receiveError, sendError } from './error-transport.js';

class ValidationError extends Error {
  field = 'email';
}

const roundTrip = (thrown: unknown) => receiveError(structuredClone(sendError(thrown)));

describe('error transport', () => {
  it('keeps class name, message, stack, cause and own properties', () => {
    const original = new ValidationError('bad address', { cause: new RangeError('too long') });
    const received = roundTrip(original) as ValidationError;
    expect(received).toBeInstanceOf(Error);
    expect(received.constructor.name).toBe('ValidationError');
    expect(received.message).toBe('bad address');
    expect(received.stack).toBe(original.stack);
    expect(received.field).toBe('email');
    expect(received.cause).toBeInstanceOf(RangeError);
    expect((received.cause as Error).message).toBe('too long');
  });

  it('rebuilds built-in classes as themselves and keeps a custom name', () => {
    expect(roundTrip(new TypeError('t'))).toBeInstanceOf(TypeError);
    const named = Object.assign(new Error('n'), { name: 'CustomName' });
    expect((roundTrip(named) as Error).name).toBe('CustomName');
    expect(Object.keys(roundTrip(named) as object)).toEqual([]);
  });

  it('keeps the errors of an AggregateError', () => {
    const received = roundTrip(new AggregateError([new Error('a'), new TypeError('b')], 'both')) as AggregateError;
    expect(received).toBeInstanceOf(AggregateError);
    expect(received.errors.map((e: Error) => e.message)).toEqual(['a', 'b']);
  });

  it('passes thrown non-errors through, and stringifies what cannot be cloned', () => {
    expect(roundTrip('plain string')).toBe('plain string');
    expect(roundTrip({ code: 42 })).toEqual({ code: 42 });
    expect(roundTrip(Object.assign(new Error('f'), { callback: () => 1 }))).toMatchObject({ callback: '() => 1' });
  });

  it('gives every rebuilt class of one name the same constructor', () => {
    const a = roundTrip(new ValidationError('a')) as Error;
    const b = roundTrip(new ValidationError('b')) as Error;
    expect(a.constructor).toBe(b.constructor);
  });
});
