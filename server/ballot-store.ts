import type Database from "better-sqlite3";

/**
 * Secret ballots of dot votes: who put how many dots on which note. Kept on the server only; the
 * control document gets the number of voters while a vote is open and the ranking at reveal.
 */
export interface BallotStore {
  /** One participant's ballot (target → count); empty when they have not voted. */
  get(workshopId: string, voteId: string, participantId: string): Record<string, number>;
  /** Replaces one participant's ballot. */
  set(workshopId: string, voteId: string, participantId: string, ballot: Record<string, number>): void;
  /** All ballots of a vote, summed, and how many people cast at least one dot. */
  tally(workshopId: string, voteId: string): { counts: Record<string, number>; voters: number };
}

function sum(ballots: Iterable<Record<string, number>>) {
  const counts: Record<string, number> = {};
  let voters = 0;
  for (const ballot of ballots) {
    let any = false;
    for (const [target, n] of Object.entries(ballot)) {
      if (n <= 0) continue;
      counts[target] = (counts[target] ?? 0) + n;
      any = true;
    }
    if (any) voters++;
  }
  return { counts, voters };
}

export function createMemoryBallotStore(): BallotStore {
  const ballots = new Map<string, Map<string, Record<string, number>>>();
  const key = (workshopId: string, voteId: string) => `${workshopId}\u0000${voteId}`;
  return {
    get: (w, v, p) => ({ ...(ballots.get(key(w, v))?.get(p) ?? {}) }),
    set(w, v, p, ballot) {
      const vote = ballots.get(key(w, v)) ?? new Map();
      vote.set(p, { ...ballot });
      ballots.set(key(w, v), vote);
    },
    tally: (w, v) => sum(ballots.get(key(w, v))?.values() ?? []),
  };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ballots (
  workshop_id TEXT NOT NULL,
  vote_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  ballot TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workshop_id, vote_id, participant_id)
);
`;

const parse = (json: string): Record<string, number> => {
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== "object") return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, number] => Number.isInteger(e[1]) && e[1] > 0),
    );
  } catch {
    return {};
  }
};

export function createSqliteBallotStore(db: Database.Database): BallotStore {
  db.exec(SCHEMA);
  const select = db.prepare<[string, string, string], { ballot: string }>(
    "SELECT ballot FROM ballots WHERE workshop_id = ? AND vote_id = ? AND participant_id = ?",
  );
  const upsert = db.prepare(
    `INSERT INTO ballots (workshop_id, vote_id, participant_id, ballot, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workshop_id, vote_id, participant_id) DO UPDATE SET ballot = excluded.ballot, updated_at = excluded.updated_at`,
  );
  const all = db.prepare<[string, string], { ballot: string }>(
    "SELECT ballot FROM ballots WHERE workshop_id = ? AND vote_id = ?",
  );
  return {
    get: (w, v, p) => {
      const row = select.get(w, v, p);
      return row ? parse(row.ballot) : {};
    },
    set: (w, v, p, ballot) => void upsert.run(w, v, p, JSON.stringify(ballot), Date.now()),
    tally: (w, v) => sum(all.all(w, v).map((row) => parse(row.ballot))),
  };
}
