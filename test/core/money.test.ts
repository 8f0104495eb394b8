import { expect } from 'chai';
import fc from 'fast-check';
import { allocate, divideHalfUp, fromCents, percentOf, toCents, toScaled } from '../../src/core/money.js';

describe('money arithmetic', () => {
  it('parses and formats decimal strings exactly', () => {
    expect(toCents('12.5')).to.equal(1250n);
    expect(toCents('-0.05')).to.equal(-5n);
    expect(toCents('9999999999.99')).to.equal(999_999_999_999n);
    expect(fromCents(5n)).to.equal('0.05');
    expect(fromCents(-1234n)).to.equal('-12.34');
    expect(toScaled('8.875', 3)).to.equal(8875n);
    expect(() => toCents('1.005')).to.throw();
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => toCents(fromCents(cents)) === cents));
  });

  it('rounds half up (away from zero), like PostgreSQL round()', () => {
    expect(divideHalfUp(5n, 2n)).to.equal(3n);
    expect(divideHalfUp(-5n, 2n)).to.equal(-3n);
    expect(divideHalfUp(4n, 3n)).to.equal(1n);
    expect(divideHalfUp(5n, 3n)).to.equal(2n);
    // 0.125 × 8.875% = 1.109375 cents → 1; 100.00 × 8.875% = 8.875 → 8.88
    expect(percentOf(10_000n, '8.875')).to.equal(888n);
    expect(percentOf(1n, '50')).to.equal(1n);
    expect(percentOf(12_345n, '0')).to.equal(0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const rounded = divideHalfUp(n, d);
        const twice = 2n * n - 2n * rounded * d; // 2 × (exact − rounded) × d, within [-d, d)
        return n >= 0n ? twice < d && twice >= -d : twice <= d && twice > -d;
      }),
    );
  });

  it('allocates a total over weights exactly: parts add up and stay within a cent of their share', () => {
    expect(allocate(100n, [1n, 1n, 1n])).to.deep.equal([34n, 33n, 33n]);
    expect(allocate(10n, [0n, 5n, 5n])).to.deep.equal([0n, 5n, 5n]);
    expect(allocate(0n, [0n, 0n])).to.deep.equal([0n, 0n]);
    expect(() => allocate(1n, [0n])).to.throw();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0n));
        const parts = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        return parts.reduce((a, b) => a + b, 0n) === total && parts.every((part, i) => part * sum >= total * weights[i]! - sum && part * sum <= total * weights[i]! + sum);
      }),
    );
  });
});
