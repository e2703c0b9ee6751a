import { describe, expect, test } from 'vitest';
import { ApiError } from './api.ts';
import { invitationIdIn, safeRedirect } from './auth.ts';
import { errorMessage, fieldErrors } from './errors.ts';
import { firstName, initials } from './format.ts';

describe('safeRedirect', () => {
  test('keeps paths on this site', () => {
    expect(safeRedirect('/invitations/abc?x=1')).toBe('/invitations/abc?x=1');
  });

  test('drops anything that could leave the site', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      42,
    ]) {
      expect(safeRedirect(bad)).toBeUndefined();
    }
  });
});

describe('invitationIdIn', () => {
  test('finds the invitation a sign-in returns to', () => {
    const id = '01939e2a-7b1c-7def-8123-456789abcdef';
    expect(invitationIdIn(`/invitations/${id}`)).toBe(id);
    expect(invitationIdIn(`/invitations/${id}?x=1`)).toBe(id);
  });

  test('anything else is no invitation', () => {
    for (const other of [
      undefined,
      '/',
      '/members',
      '/invitations/',
      '/invitations/a/b',
      '/x/invitations/a',
    ]) {
      expect(invitationIdIn(other)).toBeUndefined();
    }
  });
});

describe('API errors in forms', () => {
  const invalid = new ApiError(400, {
    error: {
      code: 'invalid_input',
      message: 'Invalid input',
      details: {
        issues: [
          { path: 'body.email', message: 'Invalid email address' },
          { path: 'body.email', message: 'Second problem' },
          { path: 'query.limit', message: 'Too big' },
        ],
      },
    },
  });

  test('field errors are keyed by form field, first message wins', () => {
    expect(fieldErrors(invalid)).toEqual({ email: 'Invalid email address', limit: 'Too big' });
  });

  test("the server's message is what people read", () => {
    expect(errorMessage(invalid)).toBe('Invalid input');
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/Cannot reach the server/);
    expect(fieldErrors(new Error('boom'))).toEqual({});
  });
});

describe('names', () => {
  test('greets by first name, never by address', () => {
    expect(firstName('Camille Laurent')).toBe('Camille');
    expect(firstName('new@partner.example')).toBeUndefined();
    expect(firstName('  ')).toBeUndefined();
  });

  test('initials', () => {
    expect(initials('Camille Laurent')).toBe('CL');
    expect(initials('Anders Berg Nilsson')).toBe('AN');
    expect(initials('')).toBe('?');
  });
});
