/**
 * The server's money arithmetic: integer cents (BigInt), never a float. The implementation is in
 * the contract (src/contract/money.ts), browser-safe, so the web app's cart computes exactly what
 * a sale will; server code imports it from here.
 */
export { allocate, divideHalfUp, fromCents, fromScaled, MAX_AMOUNT, percentOf, percentText, sumCents, toCents, toScaled, type Cents } from '../contract/money.js';
