/**
 * Trainings (培训班) a county or one of its townships organised for deputies and congress officials since
 * 2022, and their participants: distinct persons of the county, deputies and officials alike.
 */
import { day, iso, referenceDay, yearOfDay } from './calendar.js';
import { trainingPlaces } from './names.js';
import type { Plan } from './plan.js';
import { type RowSink, type TableGenerator, tenths } from './table.js';

const courses = ['人大代表履职能力培训班', '新任人大代表培训班', '人大干部业务培训班', '代表建议撰写专题培训班', '乡镇人大主席培训班'];
const firstDay = day(2022, 2, 1);

export const trainings: TableGenerator = {
  table: 'training',
  columns: ['id', 'title', 'starts_on', 'ends_on', 'place', 'organiser_region_id', 'hours'],
  bytesPerRow: 290,
  expectedRows: (plan) => plan.total('training'),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('trainings', c);
    const firstTownship = plan.townshipStart[c];
    const townships = plan.townshipStart[c + 1] - firstTownship;
    for (let i = 0; i < plan.count('training', c); i++) {
      const township = random.chance(0.25) ? firstTownship + random.int(0, townships - 1) : -1;
      const organiser = township >= 0 ? plan.townshipName[township] : plan.countyName[c];
      const days = random.int(1, 5);
      const starts = firstDay + random.int(0, referenceDay - firstDay - days);
      const title = `${yearOfDay(starts)}年${organiser}${courses[random.int(0, courses.length - 1)]}`;
      const place = township >= 0 ? `${organiser}便民服务中心会议室` : trainingPlaces[random.int(0, trainingPlaces.length - 1)];
      out.add(
        `${out.nextId()}\t${title}\t${iso(starts)}\t${iso(starts + days - 1)}\t${place}\t${township >= 0 ? plan.townshipId(township) : plan.countyId(c)}\t${tenths(days * random.int(40, 80))}\n`,
      );
    }
  },
};

export const trainingParticipants: TableGenerator = {
  table: 'training_participant',
  columns: ['id', 'training_id', 'person_id', 'completed'],
  bytesPerRow: 200,
  expectedRows: (plan) => plan.total('training') * 100,

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('training-participants', c);
    const persons = plan.count('person', c);
    const firstPerson = plan.firstId('person', c);
    const firstTraining = plan.firstId('training', c);
    for (let i = 0; i < plan.count('training', c); i++) {
      const count = Math.min(persons, random.int(60, 140));
      const start = random.int(0, persons - 1);
      for (let j = 0; j < count; j++) {
        out.add(`${out.nextId()}\t${firstTraining + i}\t${firstPerson + ((start + j) % persons)}\t${random.chance(0.97) ? 't' : 'f'}\n`);
      }
    }
  },
};
