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
const ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Africa/Lagos',
];
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

/** About half mentors early in their careers, half mentees further along, spread over teams and zones. */
export function demoPeople(count: number, random: () => number): DemoPerson[] {
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const role = i % 2 === 0 ? 'mentor' : 'mentee';
    const topics = new Set<string>();
    const wanted = 1 + Math.floor(random() * 3);
    while (topics.size < wanted) topics.add(pick(random, CATALOGUE_TOPICS).id);
    people.push({
      id: `U0DEMO${String(i + 1).padStart(3, '0')}`,
      name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`,
      tz: pick(random, ZONES),
      role,
      stage:
        role === 'mentor' ? (random() < 0.75 ? 'early' : 'mid') : random() < 0.6 ? 'senior' : 'executive',
      team: pick(random, TEAMS),
      topics: [...topics],
      goals: pick(random, role === 'mentor' ? MENTOR_GOALS : MENTEE_GOALS),
    });
  }
  return people;
}
