import { describe, expect, it } from 'vitest';
import { ROLES, isRole, roleAtLeast } from './roles.js';

describe('roleAtLeast', () => {
  it('orders viewer < trader < admin', () => {
    expect(roleAtLeast('viewer', 'viewer')).toBe(true);
    expect(roleAtLeast('viewer', 'trader')).toBe(false);
    expect(roleAtLeast('trader', 'trader')).toBe(true);
    expect(roleAtLeast('trader', 'admin')).toBe(false);
    expect(roleAtLeast('admin', 'trader')).toBe(true);
    expect(roleAtLeast('admin', 'viewer')).toBe(true);
  });

  it('denies without a role, and for unknown roles on either side', () => {
    expect(roleAtLeast(undefined, 'viewer')).toBe(false);
    expect(roleAtLeast('root', 'viewer')).toBe(false);
    expect(roleAtLeast('admin', 'traders')).toBe(false);
    expect(roleAtLeast('admin', undefined)).toBe(false);
  });
});

describe('isRole', () => {
  it('knows exactly the three roles', () => {
    expect(ROLES.filter(isRole)).toEqual(['viewer', 'trader', 'admin']);
    expect(isRole('Admin')).toBe(false);
    expect(isRole(3)).toBe(false);
  });
});
