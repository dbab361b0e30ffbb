import { loadPoint, type LoadModel, type LoadPoint } from './load';

/**
 * Loads from one user to `maxUsers`, about evenly spaced on a log scale (at most `points` of
 * them, each a whole number of users, the last exactly `maxUsers`): what the Serving chart plots.
 */
export function loadCurve(model: LoadModel, maxUsers: number, points = 24): LoadPoint[] {
  if (maxUsers < 1) return [];
  const users = new Set<number>([1, maxUsers]);
  for (let i = 1; i < points - 1; i++) users.add(Math.round(Math.exp((Math.log(maxUsers) * i) / (points - 1))));
  return [...users].sort((a, b) => a - b).map((u) => loadPoint(model, u));
}

/**
 * The knee: the fewest users at which the batch's own work (reading every request's KV cache, and
 * past the roofline ridge its arithmetic, Williams et al. 2009,
 * https://doi.org/10.1145/1498765.1498785) takes as long as reading the weights once, so each
 * user gets half the speed one user alone gets and the total is about half its ceiling. Below it
 * more users come almost free; beyond it each one slows every other. Null when it lies beyond
 * `maxUsers`.
 */
export function kneeUsers(model: LoadModel, maxUsers: number): number | null {
  if (maxUsers < 2) return null;
  const half = loadPoint(model, 1).perUserDecodeTokensPerSecond / 2;
  const past = (users: number) => loadPoint(model, users).perUserDecodeTokensPerSecond <= half;
  if (!past(maxUsers)) return null;
  let lo = 1;
  let hi = maxUsers;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (past(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The most users, up to `maxUsers`, who each still get `floor` tokens/s; 0 when even one does
 * not. Per-user speed only falls as users are added, so a binary search finds it.
 */
export function maxUsersAtSpeed(model: LoadModel, maxUsers: number, floor: number): number {
  const meets = (users: number) => loadPoint(model, users).perUserDecodeTokensPerSecond >= floor;
  if (maxUsers < 1 || !meets(1)) return 0;
  if (meets(maxUsers)) return maxUsers;
  let lo = 1;
  let hi = maxUsers;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
