import { HttpErrorResponse } from '@angular/common/http';
import { apiFieldErrors, describeApiError } from './api-error';

describe('describeApiError', () => {
  it('shows the backend message verbatim', () => {
    const err = new HttpErrorResponse({
      status: 403,
      error: {
        statusCode: 403,
        message: 'missing privilege VM.PowerMgmt on /vms/101',
        error: 'Forbidden',
      },
    });
    expect(describeApiError(err)).toBe('missing privilege VM.PowerMgmt on /vms/101');
  });

  it('names the missing privilege and path when the message does not', () => {
    const err = new HttpErrorResponse({
      status: 403,
      error: { message: 'Permission denied', privilege: 'Sys.Audit', path: '/nodes/pve1' },
    });
    expect(describeApiError(err)).toBe(
      'Permission denied (missing privilege Sys.Audit on /nodes/pve1)',
    );
  });

  it('joins validation messages', () => {
    const err = new HttpErrorResponse({
      status: 400,
      error: { message: ['cores too big', 'bad name'] },
    });
    expect(describeApiError(err)).toBe('cores too big; bad name');
  });

  it('parses a JSON body delivered as text', () => {
    const err = new HttpErrorResponse({ status: 409, error: '{"message":"CT 101 is locked"}' });
    expect(describeApiError(err)).toBe('CT 101 is locked');
  });

  it('explains an unreachable server', () => {
    expect(describeApiError(new HttpErrorResponse({ status: 0 }))).toContain('cannot be reached');
  });

  it('falls back to the status line', () => {
    const err = new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway' });
    expect(describeApiError(err)).toBe('Request failed (502 Bad Gateway)');
  });

  it('uses plain error messages and a generic fallback', () => {
    expect(describeApiError(new Error('boom'))).toBe('boom');
    expect(describeApiError(42)).toBe('Something went wrong.');
  });
});

describe('apiFieldErrors', () => {
  it('returns the per-field messages of a validation error', () => {
    const err = new HttpErrorResponse({
      status: 400,
      error: { message: 'invalid', fields: { hostname: 'bad name', cores: 7 } },
    });
    expect(apiFieldErrors(err)).toEqual({ hostname: 'bad name' });
  });

  it('is empty for other errors', () => {
    expect(apiFieldErrors(new Error('x'))).toEqual({});
    expect(apiFieldErrors(new HttpErrorResponse({ status: 500, error: 'oops' }))).toEqual({});
  });
});
