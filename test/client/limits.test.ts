import { describe, expect, it } from 'vitest';
import { RequestError } from '../../client/errors.js';
import { checkSize, formatBytes, limits, sizeOf } from '../../client/limits.js';

const refusal = (run: () => void): RequestError => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(RequestError);
    return err as RequestError;
  }
  throw new Error('expected a refusal');
};

describe('size limits', () => {
  it('stay well under Temporal’s 2 MiB payload limit', () => {
    expect(Math.max(...Object.values(limits))).toBeLessThanOrEqual(1024 * 1024);
    expect(limits.comment).toBeLessThan(limits.input);
  });

  it('count UTF-8 bytes, so a Vietnamese comment is measured as sent', () => {
    expect(sizeOf('Đồng ý')).toBe(10);
    expect(sizeOf({ a: 1 })).toBe(7);
  });

  it('accept a comment of exactly the limit and refuse one byte more, naming the limit and the size', () => {
    expect(() => checkSize('comment', 'a'.repeat(limits.comment), 'the comment')).not.toThrow();
    const err = refusal(() => checkSize('comment', 'a'.repeat(limits.comment + 1), 'the comment'));
    expect(err.kind).toBe('tooLarge');
    expect(err.message).toBe(
      'the comment is 8193 bytes (8 KiB), over the limit of 8 KiB (8192 bytes) for a comment; make it shorter',
    );
  });

  it('refuse an input over 256 KiB and a request over 1 MiB', () => {
    const input = refusal(() => checkSize('input', { text: 'x'.repeat(300 * 1024) }));
    expect(input.message).toMatch(
      /^a start input is \d+ bytes \(300 KiB\), over the limit of 256 KiB \(262144 bytes\) for a start input/,
    );
    const request = refusal(() => checkSize('request', 'y'.repeat(2 * 1024 * 1024), 'the decision'));
    expect(request.message).toMatch(
      /^the decision is 2097152 bytes \(2 MiB\), over the limit of 1 MiB \(1048576 bytes\) for a request/,
    );
  });

  it('write sizes for people', () => {
    expect([formatBytes(312), formatBytes(8 * 1024), formatBytes(1536 * 1024)]).toEqual([
      '312 bytes',
      '8 KiB',
      '1.5 MiB',
    ]);
  });
});
