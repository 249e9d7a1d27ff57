/**
 * Persons: the holders of the county's seats (deputies.ts) and its officials who hold none. Names are
 * generated; each ID number is valid (ISO 7064 check character) and agrees with the person's gender and
 * birth date, and is unique: the 500 persons of each block of the plan share a registration area code
 * of their own (a real province prefix with city digits 70–89, which no real area uses) and differ in the
 * sequence digits.
 */
import { mobile, personName } from '../people.js';
import type { Random } from '../random.js';
import { day, iso } from './calendar.js';
import { compositions, seatsOf, weightedIndex } from './deputies.js';
import { workplacesByComposition } from './names.js';
import type { Plan } from './plan.js';
import { NULL, type RowSink, type TableGenerator } from './table.js';
import { pinyinForms } from '../../schema/shared/pinyin.js';

/** The mainland provinces' code prefixes (ID numbers must begin with a real one). */
const registrationProvinces = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
];
const personsPerArea = 500;
/** Areas available: 31 provinces × 20 city digits × 99 county digits. */
export const maxPersons = registrationProvinces.length * 20 * 99 * personsPerArea;

/** ISO 7064 MOD 11-2 (as schema/shared/validators.ts), on character codes: this runs 2.6 million times. */
const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function withCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += checkWeights[i] * (first17.charCodeAt(i) - 48);
  return first17 + '10X98765432'[sum % 11];
}

/**
 * An ID number: registration area, birth date, a sequence unique within the area whose last digit is odd
 * for men and even for women, and the check character.
 */
function idNumber(area: string, birth: string, male: boolean, serial: number): string {
  const sequence = serial * 2 + (male ? 1 : 0);
  return withCheckCharacter(`${area}${birth.slice(0, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${sequence < 10 ? '00' : sequence < 100 ? '0' : ''}${sequence}`);
}

/** The registration area of the plan's g-th person: unique per block of 500 persons. */
function registrationArea(g: number): string {
  const block = Math.floor(g / personsPerArea);
  const x = Math.floor(block / registrationProvinces.length);
  const city = 70 + (x % 20);
  const county = 1 + Math.floor(x / 20);
  return `${registrationProvinces[block % registrationProvinces.length]}${city}${county < 10 ? '0' : ''}${county}`;
}

const minorities = ['ZHUANG', 'HUI', 'MANCHU', 'UYGHUR', 'MIAO', 'YI', 'TUJIA', 'TIBETAN', 'MONGOL', 'DONG', 'BUYEI', 'YAO', 'BAI', 'KOREAN', 'HANI', 'LI', 'KAZAKH', 'DAI'];

const educations = ['PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'JUNIOR_COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE'];
const deputyEducation = [0.03, 0.15, 0.22, 0.25, 0.3, 0.05, 0];
const officialEducation = [0, 0, 0, 0.15, 0.65, 0.18, 0.02];

const politicalStatuses = ['CPC_MEMBER', 'CPC_PROBATIONARY', 'YOUTH_LEAGUE', 'DEMOCRATIC_PARTY', 'NON_PARTISAN', 'MASSES'];
const deputyPolitics = [0.65, 0.01, 0.02, 0.07, 0.05, 0.2];
const officialPolitics = [0.9, 0, 0, 0.05, 0.05, 0];

const officialsBorn = day(1966, 1, 1);
const deputiesBorn = day(1958, 1, 1);

const officialPosts = [
  '人大常委会办公室主任',
  '人大常委会副主任',
  '人民政府办公室副主任',
  '农业农村局局长',
  '教育局副局长',
  '财政局局长',
  '人民法院副院长',
  '人民检察院副检察长',
  '监察委员会委员',
  '人大常委会选任联工委主任',
];

export const persons: TableGenerator = {
  table: 'person',
  columns: ['id', 'name', 'name_pinyin', 'gender', 'ethnicity', 'birth_date', 'id_number', 'mobile', 'address', 'education', 'political_status', 'workplace', 'region_id'],
  bytesPerRow: 330,
  expectedRows: (plan) => plan.total('person'),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('persons', c);
    const seats = seatsOf(plan, c);
    const count = plan.count('person', c);
    const firstTownship = plan.townshipStart[c];
    const townships = plan.townshipStart[c + 1] - firstTownship;
    const dominantMinority = minorities[random.int(0, minorities.length - 1)];
    const minorityShare = plan.minorityShare[c];
    const countyName = plan.countyName[c];
    const planIndex = plan.blocks.person[c];
    const registeredIn = plan.countyId(c);
    for (let j = 0; j < count; j++) {
      const official = j >= seats.firstOfficial;
      const female = random.chance(official ? 0.3 : 0.28);
      const gender = female ? 'FEMALE' : 'MALE';
      const ethnicity = random.chance(minorityShare) ? (random.chance(0.7) ? dominantMinority : random.pick(minorities)) : 'HAN';
      const birth = iso(official ? officialsBorn + random.int(0, 27 * 365) : deputiesBorn + random.int(0, 40 * 365));
      const g = planIndex + j;
      const township = plan.townshipName[firstTownship + random.int(0, townships - 1)];
      const address = `${countyName}${township}${random.int(1, 30)}组${random.int(1, 200)}号`;
      const workplace = official ? countyName + officialPosts[random.int(0, officialPosts.length - 1)] : deputyWorkplace(random, seats.composition[j], township);
      const education = educations[weightedIndex(random.next(), official ? officialEducation : deputyEducation)];
      const politics = politicalStatuses[weightedIndex(random.next(), official ? officialPolitics : deputyPolitics)];
      const name = personName(random, gender);
      out.add(
        `${out.nextId()}\t${name}\t${pinyinForms(name, 'personName') ?? NULL}\t${gender}\t${ethnicity}\t${birth}\t${idNumber(registrationArea(g), birth, !female, g % personsPerArea)}\t${mobile(random)}\t${address}\t${education}\t${politics}\t${workplace}\t${registeredIn}\n`,
      );
    }
  },
};

/** Workplace templates by composition index, split at the place: ['', '党委书记'] … */
const workplaceParts = compositions.map((composition) => workplacesByComposition[composition].map((template) => template.split('{}')));

function deputyWorkplace(random: Random, composition: number, township: string): string {
  const templates = workplaceParts[composition];
  const [before, after] = templates[random.int(0, templates.length - 1)];
  return before + township + after;
}
