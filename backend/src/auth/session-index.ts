import type { Role } from '../users/roles.js';

/** What the guard needs of a live session and its user, kept in memory. */
export interface IndexedSession {
  idHash: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  csrfToken: string;
  user: { id: number; username: string; role: Role; passwordChangedAt: number };
}

/**
 * Sessions looked up recently, by cookie hash, so a request costs no database read. It is a copy
 * of SQLite, never the truth: every service that changes sessions or users updates it at once
 * (SessionsService), and `generation` lets a lookup that raced such a change drop its answer.
 */
export class SessionIndex {
  private readonly byHash = new Map<string, IndexedSession>();
  private changes = 0;

  /** Changes with every write; a database read begun before a change must not be indexed. */
  get generation(): number {
    return this.changes;
  }

  get(idHash: string): IndexedSession | undefined {
    return this.byHash.get(idHash);
  }

  /** Indexes a session read from the database, unless the index changed since the read began. */
  add(session: IndexedSession, readAtGeneration: number): boolean {
    if (readAtGeneration !== this.changes) return false;
    this.byHash.set(session.idHash, session);
    return true;
  }

  drop(idHash: string): IndexedSession | undefined {
    this.changes += 1;
    const found = this.byHash.get(idHash);
    this.byHash.delete(idHash);
    return found;
  }

  /** Drops every session of a user and returns them. */
  dropUser(userId: number): IndexedSession[] {
    this.changes += 1;
    const dropped = [...this.byHash.values()].filter((s) => s.userId === userId);
    for (const s of dropped) this.byHash.delete(s.idHash);
    return dropped;
  }

  /** A user's new role applies to all their sessions at once. */
  setRole(userId: number, role: Role): void {
    this.changes += 1;
    for (const s of this.byHash.values()) {
      if (s.userId === userId) s.user = { ...s.user, role };
    }
  }

  /** Empties the index and returns what it held. */
  clear(): IndexedSession[] {
    this.changes += 1;
    const all = [...this.byHash.values()];
    this.byHash.clear();
    return all;
  }

  get size(): number {
    return this.byHash.size;
  }
}
