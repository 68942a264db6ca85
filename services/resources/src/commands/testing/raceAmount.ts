/** The most an application in the award race requests, in fen. */
export const RACE_REQUESTED_FEN = 13_000;

/** The amount of award attempt `n`: 7 000 to 13 000 fen, spread so that the budget rarely divides evenly. */
export const raceAmount = (n: number): number => 7_000 + ((n * 7919) % 6001);
