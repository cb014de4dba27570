import { describe, expect, it } from 'vitest';
import { shippedVersions } from '../../machines/definitions/index.js';
import { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import { definitionHash, processOf, refOf, shippedDefinition } from '../../machines/shipped.js';

// The hash of every shipped definition version, as running workflows name them. A definition that changes under the
// same version would strand the workflows started on it: give it a new version, keep the old one, add its line here.
const recorded: Record<string, string> = {
  'review-pipeline@2': '1fdf817007d907',
  'delegation@2': '1cfeb9e76b22aa',
  'task@1': '0838457bf00202',
  'task@2': '18c893515a6de8',
  'task@3': '1427cfb6fe959a',
  'programme@1': '1f9ca2e87a0c24',
  'programme@2': '1b5b0903bce05d',
  'programme@3': '0504f1efe49f54',
  'programme@4': '025ef6a380e687',
};

describe('shipped definitions by reference', () => {
  it('keeps every shipped version as it was when workflows were started on it', () => {
    const now = Object.fromEntries(shippedVersions.map((d) => [`${d.id}@${d.version}`, definitionHash(d)]));
    expect(now).toEqual(recorded);
  });

  it('finds the definition a reference names', () => {
    const found = shippedDefinition(refOf(reviewPipeline));
    expect(found).toEqual({ success: true, data: reviewPipeline });
  });

  it('refuses a version this code does not ship, naming the ones it does', () => {
    const found = shippedDefinition({ ...refOf(reviewPipeline), version: 1 });
    expect(found.success).toBe(false);
    if (!found.success)
      expect(found.error).toContain('ships no definition review-pipeline@1 (it ships review-pipeline@2');
  });

  it('refuses a definition whose content changed under the same version', () => {
    const found = shippedDefinition({ ...refOf(reviewPipeline), hash: '00000000000000' });
    expect(found.success).toBe(false);
    if (!found.success) expect(found.error).toContain('needs a new version');
  });

  it('hashes content, not identity, and compiles a definition once', () => {
    const copy = structuredClone(reviewPipeline);
    expect(definitionHash(copy)).toBe(definitionHash(reviewPipeline));
    expect(definitionHash({ ...copy, title: { vi: 'khác', en: 'other' } })).not.toBe(definitionHash(reviewPipeline));
    expect(processOf(copy)).toBe(processOf(reviewPipeline));
  });
});
