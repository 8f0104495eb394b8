// Demo inventory for scripts/seed-demo.ts: `await seedDemoItems(services, vendorId, storeIds)` adds a few
// hundred realistic items (raw and graded Pokémon, Magic and sports cards, video games, sealed
// product, apparel) across the given stores, through the same services as the API, with some
// movement history. Deterministic: the same run gives the same catalogue.
import { systemWriteContext } from '../src/db/write.js';
import type { MovementReason } from '../src/modules/inventory/contract.js';
import { adjustStock } from '../src/modules/inventory/services/adjust-stock.js';
import { createItem, type ItemInput } from '../src/modules/inventory/services/create-item.js';
import type { AppServices } from '../src/services.js';

/** A small seeded PRNG (mulberry32), so demo data is reproducible. */
export function randomFrom(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T };
}

const pokemon = [
  ['Charizard', 'Base Set', '4/102', 350], ['Blastoise', 'Base Set', '2/102', 140], ['Venusaur', 'Base Set', '15/102', 110],
  ['Pikachu', 'Jungle', '60/64', 8], ['Gengar', 'Fossil', '5/62', 60], ['Dark Charizard', 'Team Rocket', '4/82', 180],
  ['Umbreon VMAX', 'Evolving Skies', '215/203', 420], ['Rayquaza VMAX', 'Evolving Skies', '218/203', 260], ['Lugia', 'Neo Genesis', '9/111', 300],
  ['Mewtwo', 'Base Set', '10/102', 45], ['Giratina V', 'Lost Origin', '186/196', 230], ['Moonbreon', 'Evolving Skies', '215/203', 450],
] as const;
const magic = [
  ['Black Lotus', 'Unlimited', '232', 12000], ['Serra Angel', 'Alpha', '39', 250], ['Lightning Bolt', 'Beta', '162', 400],
  ['Shivan Dragon', 'Revised', '174', 35], ['Sol Ring', 'Commander Legends', '334', 3], ['The One Ring', 'Lord of the Rings', '246', 60],
  ['Ragavan, Nimble Pilferer', 'Modern Horizons 2', '138', 55], ['Force of Will', 'Alliances', '28', 90],
] as const;
const sports = [
  ['Michael Jordan Rookie', 'Fleer', 1986, 3500], ['Ken Griffey Jr. Rookie', 'Upper Deck', 1989, 120], ['Tom Brady Rookie', 'Bowman', 2000, 900],
  ['LeBron James Rookie', 'Topps Chrome', 2003, 1500], ['Shohei Ohtani Rookie', 'Topps Update', 2018, 180], ['Mike Trout Rookie', 'Topps Update', 2011, 400],
  ['Wayne Gretzky Rookie', 'O-Pee-Chee', 1979, 2500], ['Victor Wembanyama Rookie', 'Prizm', 2023, 150],
] as const;
const games = [
  ['Chrono Trigger', 'SNES', 'RPG', 180], ['EarthBound', 'SNES', 'RPG', 250], ['The Legend of Zelda: Ocarina of Time', 'N64', 'Adventure', 45],
  ['Pokémon Red', 'Game Boy', 'RPG', 40], ['Super Mario 64', 'N64', 'Platformer', 35], ['Final Fantasy VII', 'PS1', 'RPG', 30],
  ['Halo 2', 'Xbox', 'Shooter', 10], ['Metroid Prime', 'GameCube', 'Adventure', 30], ['Castlevania: Symphony of the Night', 'PS1', 'Action', 70],
] as const;
const sealed = [
  ['Evolving Skies Booster Box', 'Pokemon', 700], ['Scarlet & Violet 151 Elite Trainer Box', 'Pokemon', 90], ['Modern Horizons 3 Play Booster Box', 'Magic', 230],
  ['2023 Topps Chrome Hobby Box', 'Baseball', 300], ['Crown Zenith Booster Bundle', 'Pokemon', 45],
] as const;
const apparel = [['Pikachu Hoodie', 'Pokemon Center', 'cotton'], ['Shop Logo Tee', 'Omni-Stock', 'cotton'], ['Black Lotus Snapback', 'Ultra Pro', 'wool']] as const;
const rawConditions = [['Near Mint', 'NM'], ['Lightly Played', 'LP'], ['Moderately Played', 'MP']] as const;
const graders = ['PSA', 'BGS', 'CGC'] as const;

const money = (value: number) => Math.max(value, 0.25).toFixed(2);
/** Intake at ~55% of market, projected ~10% over it. */
const prices = (market: number) => ({ intakePrice: money(market * 0.55), price: money(market), projectedPrice: money(market * 1.1) });

function* demoItems(rng: ReturnType<typeof randomFrom>): Generator<Omit<ItemInput, 'storeId'>> {
  let n = 0;
  const sku = (prefix: string) => `${prefix}-${String(++n).padStart(4, '0')}`;
  const cardVariants = <T extends readonly unknown[]>(cards: readonly T[], copies: number, build: (card: T, graded: boolean) => Omit<ItemInput, 'storeId'>) => {
    const out: Omit<ItemInput, 'storeId'>[] = [];
    for (let i = 0; i < copies; i++) for (const card of cards) out.push(build(card, rng.next() < 0.3));
    return out;
  };
  const graded = (market: number) => {
    const grade = rng.pick([7, 8, 8.5, 9, 9.5, 10]);
    return { grade, gradingCompany: rng.pick(graders), certNumber: String(rng.int(10_000_000, 99_999_999)), factor: grade >= 9.5 ? 4 : grade >= 9 ? 2 : 1.2, market };
  };
  yield* cardVariants(pokemon, 10, ([name, setName, number, market], isGraded) => {
    const g = isGraded ? graded(market) : null;
    const [condition, short] = rng.pick(rawConditions);
    const factor = g ? g.factor : short === 'NM' ? 1 : short === 'LP' ? 0.8 : 0.6;
    return {
      name: g ? `${name} ${g.gradingCompany} ${g.grade}` : `${name} (${short})`, sku: sku('PKM'), category: 'trading_card',
      condition: g ? `${g.gradingCompany} ${g.grade}` : condition, quantity: g ? 1 : rng.int(0, 6), ...prices(market * factor),
      cardDetails: { game: 'Pokemon', setName, cardNumber: number, language: rng.pick(['English', 'English', 'Japanese']), finish: 'holofoil', rarity: 'Rare Holo', ...(g ? { gradingCompany: g.gradingCompany, grade: g.grade, certNumber: g.certNumber } : {}) },
    };
  });
  yield* cardVariants(magic, 8, ([name, setName, number, market], isGraded) => {
    const g = isGraded ? graded(market) : null;
    const [condition, short] = rng.pick(rawConditions);
    return {
      name: g ? `${name} ${g.gradingCompany} ${g.grade}` : `${name} (${short})`, sku: sku('MTG'), category: 'trading_card',
      condition: g ? `${g.gradingCompany} ${g.grade}` : condition, quantity: g ? 1 : rng.int(0, 8), ...prices(market * (g ? g.factor : 0.9)),
      cardDetails: { game: 'Magic', setName, cardNumber: number, language: 'English', finish: rng.pick(['normal', 'first_edition', 'unlimited']), ...(g ? { gradingCompany: g.gradingCompany, grade: g.grade, certNumber: g.certNumber } : {}) },
    };
  });
  yield* cardVariants(sports, 6, ([name, setName, year, market], isGraded) => {
    const g = isGraded ? graded(market) : null;
    return {
      name: `${year} ${setName} ${name}${g ? ` ${g.gradingCompany} ${g.grade}` : ''}`, sku: sku('SPT'), category: 'sports_card',
      condition: g ? `${g.gradingCompany} ${g.grade}` : rng.pick(rawConditions)[0], quantity: 1, ...prices(market * (g ? g.factor : 0.7)),
      cardDetails: { game: name.includes('Gretzky') ? 'Hockey' : 'Sports', setName: `${year} ${setName}`, releaseDate: `${year}-06-01`, ...(g ? { gradingCompany: g.gradingCompany, grade: g.grade, certNumber: g.certNumber } : {}) },
    };
  });
  for (let copy = 0; copy < 5; copy++) {
    for (const [title, platform, genre, market] of games) {
      const completeness = rng.pick(['loose', 'cib', 'box_manual', 'sealed'] as const);
      const factor = { loose: 0.5, cib: 1, box_manual: 0.8, sealed: 4 }[completeness];
      yield {
        name: `${title} (${platform}, ${completeness})`, sku: sku('VG'), category: 'video_game', condition: completeness === 'loose' ? 'Loose' : 'CIB',
        quantity: rng.int(0, 4), ...prices(market * factor), attributes: { platform, region: rng.pick(['NTSC-U', 'PAL', 'NTSC-J']), completeness, genre },
      };
    }
  }
  for (const [name, game, market] of sealed) {
    yield { name, sku: sku('SEAL'), category: 'sealed_product', condition: 'Sealed', quantity: rng.int(0, 12), ...prices(market), description: `Factory sealed ${game} product` };
  }
  for (const [name, brand, material] of apparel) {
    for (const size of ['S', 'M', 'L', 'XL']) {
      yield { name: `${name} (${size})`, sku: sku('APP'), category: 'apparel', condition: 'New', quantity: rng.int(0, 15), ...prices(30), attributes: { size, color: 'black', material, brand } };
    }
  }
}

// Sales and their returns are real sales (scripts/seed-sales.ts), never bare movements.
const historyReasons: MovementReason[] = ['damage', 'adjustment', 'adjustment', 'count'];

/** Adds the demo catalogue; `progress` hears of the total first, then of every item added. */
export async function seedDemoItems(
  services: AppServices,
  vendorId: string,
  storeIds: string[],
  progress?: { start(total: number): void; advance(): void },
): Promise<number> {
  // A fresh context (and EntityManager) per item, as a request would have: one shared identity
  // map would grow with every item and make each flush slower than the last.
  const seed = () => systemWriteContext(services, 'seed-demo', vendorId);
  const rng = randomFrom(42);
  const inputs = [...demoItems(rng)];
  progress?.start(inputs.length);
  let count = 0;
  for (const input of inputs) {
    const item = await createItem(await seed(), { ...input, storeId: storeIds[count++ % storeIds.length] });
    if (item.quantity > 1 && rng.next() < 0.4) {
      const reason = rng.pick(historyReasons);
      const delta = reason === 'adjustment' ? rng.pick([-1, 1]) : -rng.int(1, item.quantity - 1);
      await adjustStock(await seed(), { id: item.id, delta, reason, note: reason === 'damage' ? 'Damaged in the display case' : null });
    }
    progress?.advance();
  }
  return count;
}
