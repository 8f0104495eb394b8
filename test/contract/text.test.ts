import { expect } from 'chai';
import { calendarDate, instant, jsonObject, label, text } from '../../src/contract/text.js';

const errorsOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? [] : result.error!.issues.map((i) => i.message));

describe('contract building blocks', () => {
  it('text refuses NUL and unpaired surrogates, keeps any other Unicode, trims and bounds', () => {
    expect(errorsOf(text(10).safeParse('a\u0000b'))).to.have.length(1);
    expect(errorsOf(text(10).safeParse('a\ud800b'))).to.have.length(1);
    expect(errorsOf(text(10).safeParse('x\udc00'))).to.have.length(1);
    expect(text(10).parse('  Pokémon 🃏  ')).to.equal('Pokémon 🃏');
    expect(errorsOf(text(3).safeParse('abcd'))).to.have.length(1);
    expect(errorsOf(label(10).safeParse('   '))).to.deep.equal(['must not be empty']);
  });

  it('jsonObject bounds depth, entries and size without recursing, and checks every string', () => {
    const limits = { maxDepth: 3, maxEntries: 20, maxLength: 200 };
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(errorsOf(jsonObject(limits).safeParse(deep))).to.deep.equal(['must not be nested more than 3 levels deep']);
    expect(errorsOf(jsonObject(limits).safeParse(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]))))).to.have.length(1);
    expect(errorsOf(jsonObject(limits).safeParse({ text: 'x'.repeat(300) }))).to.deep.equal(['must be at most 200 characters as JSON']);
    expect(errorsOf(jsonObject(limits).safeParse({ nested: { list: ['ok', 'a\u0000b'] } }))).to.have.length(1);
    expect(errorsOf(jsonObject(limits).safeParse({ ['key\ud800']: 1 }))).to.have.length(1);
    expect(jsonObject(limits).parse({ booth: 12, tags: ['a', { b: true }] })).to.deep.equal({ booth: 12, tags: ['a', { b: true }] });
  });

  it('instants and dates stay within the years PostgreSQL and JavaScript agree on', () => {
    expect(errorsOf(instant().safeParse('0000-01-01T00:00:00Z'))).to.have.length(1);
    expect(errorsOf(instant().safeParse('0001-01-01T00:00:00+14:00'))).to.have.length(1);
    expect(errorsOf(instant().safeParse('9999-12-31T23:59:59-14:00'))).to.have.length(1);
    expect(instant().parse('2026-12-01T09:30:00+01:00').toISOString()).to.equal('2026-12-01T08:30:00.000Z');
    expect(errorsOf(calendarDate().safeParse('0000-06-01'))).to.have.length(1);
    expect(calendarDate().parse('1999-01-09')).to.equal('1999-01-09');
  });
});
