import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { setCacheHeaders } from './cache-headers.interceptor.js';
import { noteRead, type ReadNotes, runWithReadNotes } from './read-context.js';

function fakeResponse(): { res: Response; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (headers[name] = value),
  } as unknown as Response;
  return { res, headers };
}

const agoIso = (s: number) => new Date(Date.now() - s * 1000).toISOString();

describe('cache headers', () => {
  it('says STALE with the age of the data when the answer is stale', () => {
    const { res, headers } = fakeResponse();
    setCacheHeaders(res, { items: [], stale: true, fetchedAt: agoIso(90) }, { status: 'HIT' });
    expect(headers).toEqual({ 'X-Cache-Status': 'STALE', 'X-Data-Age': '90' });
  });

  it('takes HIT or MISS from what the reads of the request noted, the stalest part winning', () => {
    const notes: ReadNotes = {};
    runWithReadNotes(notes, () => {
      noteRead('MISS', Date.now());
      noteRead('HIT', Date.now() - 1500);
      noteRead('MISS', Date.now());
    });
    expect(notes.status).toBe('HIT');
    const { res, headers } = fakeResponse();
    setCacheHeaders(res, { stale: false, fetchedAt: agoIso(1) }, notes);
    expect(headers).toEqual({ 'X-Cache-Status': 'HIT', 'X-Data-Age': '1' });
  });

  it('uses the oldest noted read when the answer itself carries no freshness', () => {
    const notes: ReadNotes = {};
    runWithReadNotes(notes, () => noteRead('HIT', Date.now() - 3000));
    const { res, headers } = fakeResponse();
    setCacheHeaders(res, { available: true }, notes);
    expect(headers).toEqual({ 'X-Cache-Status': 'HIT', 'X-Data-Age': '3' });
  });

  it('sets nothing on answers that did not read Proxmox data', () => {
    const { res, headers } = fakeResponse();
    setCacheHeaders(res, { status: 'ok' }, {});
    expect(headers).toEqual({});
  });

  it('ignores reads outside a request', () => {
    expect(() => noteRead('MISS', Date.now())).not.toThrow();
  });
});
