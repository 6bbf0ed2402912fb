/**
 * Seeded synthetic territory instances, shared by the territory tests and bench/territory.bench.ts (which imports
 * them from here, so that tests never import the bench): accounts scattered around rep homes, 80% owned by the
 * nearest rep, potential log-uniform over a 12x range, workload 1..10.
 */
import { seededRandom as rng } from '../../src/models/random';
import type { TerritoryAccount, TerritoryRep, TerritoryResult } from '../../src/models/territory';

/** A seeded instance: n accounts, r reps. */
export function syntheticTerritory(
  n: number,
  r: number,
  seed = 7,
): { accounts: TerritoryAccount[]; reps: TerritoryRep[] } {
  const rand = rng(seed);
  const reps: TerritoryRep[] = [];
  for (let i = 0; i < r; i++) reps.push({ id: `R${i + 1}`, lat: 30 + rand() * 15, lon: -120 + rand() * 45 });
  const accounts: TerritoryAccount[] = [];
  for (let i = 0; i < n; i++) {
    const home = reps[Math.floor(rand() * r)];
    const lat = (home.lat as number) + (rand() - 0.5) * 6;
    const lon = (home.lon as number) + (rand() - 0.5) * 8;
    let nearest = 0;
    let best = Infinity;
    reps.forEach((p, k) => {
      const d = ((p.lat as number) - lat) ** 2 + ((p.lon as number) - lon) ** 2;
      if (d < best) [best, nearest] = [d, k];
    });
    const owner = rand() < 0.8 ? reps[nearest].id : reps[Math.floor(rand() * r)].id;
    accounts.push({
      id: `A${i + 1}`,
      metrics: [Math.round(Math.exp(rand() * 2.5) * 100), 1 + Math.floor(rand() * 10)],
      lat,
      lon,
      owner,
    });
  }
  return { accounts, reps };
}

/** What every plan keeps: no account lost or duplicated, locked accounts home, families together, totals unchanged. */
export function checkInvariants(accounts: TerritoryAccount[], res: TerritoryResult, metricCount: number): void {
  // no account lost or duplicated, in input order
  expect(res.assignments.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
  // locked accounts never move
  accounts.forEach((a, i) => {
    if (a.locked) expect(res.assignments[i].owner).toBe(a.owner);
  });
  // families stay together
  const famOwner = new Map<string, string>();
  accounts.forEach((a, i) => {
    if (!a.family) return;
    const o = famOwner.get(a.family);
    if (o === undefined) famOwner.set(a.family, res.assignments[i].owner);
    else expect(res.assignments[i].owner).toBe(o);
  });
  // totals unchanged: rep loads add up to the account totals
  for (let m = 0; m < metricCount; m++) {
    const total = accounts.reduce((s, a) => s + a.metrics[m], 0);
    expect(res.reps.reduce((s, r) => s + r.loads[m], 0)).toBeCloseTo(total, 6);
  }
  expect(res.reps.reduce((s, r) => s + r.accounts, 0)).toBe(accounts.length);
}

/** A small instance for brute-force enumeration. */
export interface Small {
  accounts: TerritoryAccount[];
  reps: TerritoryRep[];
}

/** A seeded small instance: coordinates, owners, one locked account, one family of two. */
export function smallInstance(seed: number, n: number): Small {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const reps: TerritoryRep[] = ['R1', 'R2', 'R3'].map((id) => ({ id, lat: 40 + rnd() * 5, lon: -100 + rnd() * 10 }));
  const accounts: TerritoryAccount[] = [];
  for (let i = 0; i < n; i++) {
    accounts.push({
      id: `A${i}`,
      metrics: [10 + Math.floor(rnd() * 90), 1 + Math.floor(rnd() * 9)],
      lat: 40 + rnd() * 5,
      lon: -100 + rnd() * 10,
      owner: reps[Math.floor(rnd() * 3)].id,
      locked: i === 0,
      family: i === 1 || i === 2 ? 'F' : null,
    });
  }
  return { accounts, reps };
}
