import { CATALOGUE_TOPICS } from '../domain/catalogue.js';

/** A small, seeded random source (mulberry32): the same seed plays the same demo. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoPerson {
  id: string;
  name: string;
  tz: string;
  role: 'mentor' | 'mentee';
  stage: 'early' | 'mid' | 'senior' | 'executive';
  team: string;
  topics: string[];
  goals: string;
}

const NAMES = [
  'Amara',
  'Ben',
  'Chen',
  'Dana',
  'Elif',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Luca',
  'Maya',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomas',
  'Uma',
  'Vik',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Aiko',
  'Bruno',
  'Carmen',
  'Dev',
  'Esme',
  'Femi',
  'Greta',
  'Hamza',
  'Isla',
  'Joao',
  'Kai',
  'Lena',
  'Mateo',
  'Noor',
];
/**
 * Where people sit. Far apart on purpose — Singapore with Los Angeles, Kathmandu (+05:45), Auckland (+13) — so
 * the transcript shows messages waiting for a moment inside both partners' working day. Chosen so that any
 * mentor and any mentee share at least half an hour of a weekday between 08:00 and 19:00 (December), so every
 * pair the matcher may form has a common window: no mentee zone is 11 hours or more from a mentor zone.
 */
export const MENTOR_ZONES = [
  'Asia/Singapore',
  'Europe/London',
  'America/Los_Angeles',
  'Asia/Kathmandu',
  'Europe/Berlin',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Africa/Lagos',
] as const;
export const MENTEE_ZONES = ['America/Los_Angeles', 'Asia/Singapore', 'Asia/Kolkata', 'Asia/Tokyo'] as const;
const TEAMS = ['Sales', 'Engineering', 'Marketing', 'Finance', 'People', 'Operations', 'Product', 'Legal'];
const MENTOR_GOALS = [
  'Show a senior leader how our team really uses AI tools day to day.',
  'Share how customers my age find and judge us on social media.',
  'Help a leader get comfortable running a meeting in Slack huddles and canvases.',
  'Explain what people joining the company expect from the workplace now.',
];
const MENTEE_GOALS = [
  'Understand the tools my teams use, so I stop guessing what they need.',
  'Hear honestly how our brand looks to younger customers.',
  'Learn to lead better in a hybrid, chat-first way of working.',
  'Get an unfiltered view of what would make people stay with us.',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * About half mentors early in their careers, half mentees further along, spread over teams and zones. The
 * first few take the zones in order (a Singapore mentor, a Los Angeles mentee, …), so even a small demo shows
 * partners far apart; the rest are drawn at random. The first two — in Singapore and Los Angeles, 16 hours
 * apart — want the same three topics from different teams, so the matcher pairs them despite the distance:
 * the transcript then shows what a pair on opposite sides of the world receives, and when.
 */
export function demoPeople(count: number, random: () => number): DemoPerson[] {
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const role = i % 2 === 0 ? 'mentor' : 'mentee';
    const topics = new Set<string>();
    const wanted = i === 0 ? 3 : 1 + Math.floor(random() * 3);
    if (i === 1) for (const topic of people[0]!.topics) topics.add(topic);
    while (topics.size < wanted) topics.add(pick(random, CATALOGUE_TOPICS).id);
    const team = pick(random, TEAMS);
    people.push({
      id: `U0DEMO${String(i + 1).padStart(3, '0')}`,
      name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`,
      tz: zoneFor(role, Math.floor(i / 2), random),
      role,
      stage:
        role === 'mentor' ? (random() < 0.75 ? 'early' : 'mid') : random() < 0.6 ? 'senior' : 'executive',
      team: i === 1 && team === people[0]!.team ? TEAMS[(TEAMS.indexOf(team) + 1) % TEAMS.length]! : team,
      topics: [...topics],
      goals: pick(random, role === 'mentor' ? MENTOR_GOALS : MENTEE_GOALS),
    });
  }
  return people;
}

function zoneFor(role: 'mentor' | 'mentee', index: number, random: () => number): string {
  const zones = role === 'mentor' ? MENTOR_ZONES : MENTEE_ZONES;
  // Draw even when the zone is fixed, so the rest of a seed's people don't depend on the count of fixed ones.
  const drawn = pick(random, zones);
  return index < zones.length ? zones[index]! : drawn;
}
