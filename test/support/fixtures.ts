/** Data shared by tests. */

/** The stage table of issue 2's worked examples: stage, probability. */
export const STAGES: [string, number][] = [
  ['Discovery', 0.1],
  ['Qualified', 0.2],
  ['Demo', 0.4],
  ['Trial', 0.6],
  ['Final call', 0.8],
  ['Won', 1],
];
