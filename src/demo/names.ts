import type { Random } from './random.js';

/**
 * Fictional names for the demo and benchmark regions. First names are ordinary given names; family
 * names are composed from invented Dutch-sounding parts (e.g. "Brommerhoek", "Vlinderkamp"), so a
 * generated person is recognisably made up. Names are drawn independently of ideology or target
 * group: the generator must not suggest that a name says anything about a person's risk.
 */
const FEMALE = [
  'Anouk',
  'Amira',
  'Bente',
  'Chantal',
  'Daphne',
  'Dilara',
  'Eline',
  'Esra',
  'Fenna',
  'Fleur',
  'Hanna',
  'Ilse',
  'Imane',
  'Jasmijn',
  'Julia',
  'Kim',
  'Lieke',
  'Lotte',
  'Maaike',
  'Mila',
  'Naima',
  'Nina',
  'Noor',
  'Priya',
  'Rosa',
  'Sanne',
  'Selin',
  'Sofie',
  'Tessa',
  'Vera',
  'Yara',
  'Zoë',
] as const;

const MALE = [
  'Ahmet',
  'Bas',
  'Bilal',
  'Bram',
  'Daan',
  'Dennis',
  'Emre',
  'Finn',
  'Hamza',
  'Jesse',
  'Joris',
  'Kevin',
  'Lars',
  'Luuk',
  'Mats',
  'Milan',
  'Mohamed',
  'Niels',
  'Olaf',
  'Pim',
  'Quinten',
  'Rachid',
  'Ruben',
  'Sem',
  'Stijn',
  'Thijs',
  'Tim',
  'Wessel',
  'Yusuf',
  'Ziggy',
  'Rayan',
  'Ivo',
] as const;

const PREFIXES = ['van', 'de', 'van der', 'van den', 'ter', 'van de', 'den'] as const;

const ROOTS = [
  'Brommer',
  'Vlinder',
  'Kwak',
  'Polder',
  'Dobbel',
  'Klompen',
  'Sluis',
  'Molen',
  'Wilgen',
  'Tulpen',
  'Knot',
  'Zeepaard',
  'Duinroos',
  'Kievit',
  'Reiger',
  'Krokus',
  'Pluim',
  'Hazel',
  'Wolken',
  'Spinner',
  'Brem',
  'Vuurtoren',
  'Gorzen',
  'Kabel',
  'Peppel',
  'Lisdodde',
  'Fluiter',
  'Grutto',
  'Mossel',
  'Klaver',
] as const;

const SUFFIXES = [
  'hoek',
  'kamp',
  'veld',
  'dijk',
  'stra',
  'inga',
  'man',
  'hof',
  'berg',
  'broek',
  'weg',
  'burg',
] as const;

export interface FictionalName {
  firstName: string;
  namePrefix: string | null;
  lastName: string;
  gender: 'female' | 'male' | 'other' | 'unknown';
}

export function fictionalName(rng: Random): FictionalName {
  const g = rng.next();
  const gender: FictionalName['gender'] = g < 0.48 ? 'female' : g < 0.96 ? 'male' : g < 0.98 ? 'other' : 'unknown';
  const firstName =
    gender === 'female'
      ? rng.pick(FEMALE)
      : gender === 'male'
        ? rng.pick(MALE)
        : rng.pick(rng.chance(0.5) ? FEMALE : MALE);
  const namePrefix = rng.chance(0.3) ? rng.pick(PREFIXES) : null;
  return { firstName, namePrefix, lastName: familyName(rng), gender };
}

/** A family name shared by relatives of a subject (parents, siblings). */
export function familyName(rng: Random): string {
  return rng.pick(ROOTS) + rng.pick(SUFFIXES);
}

export function givenName(rng: Random, gender: 'female' | 'male'): string {
  return rng.pick(gender === 'female' ? FEMALE : MALE);
}
