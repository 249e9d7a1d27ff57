/**
 * What the county congress votes on besides elections: deputies' motions and livelihood projects.
 */
import { currentYear, day, iso, numeralZh } from './calendar.js';
import { seatActiveOn, seatsOf } from './deputies.js';
import { livelihoodTitles, suggestionTopics } from './names.js';
import type { Plan } from './plan.js';
import { categories } from './suggestions.js';
import { money, NULL, type RowSink, type TableGenerator } from './table.js';

// ---------------------------------------------------------------------------------------------------
// Motions (议案) to the county congress: a few a year, each led by a sitting county deputy with ten or
// more co-signers, accepted and handled or converted to a suggestion.

export const motions: TableGenerator = {
  table: 'motion',
  columns: ['id', 'number', 'title', 'body', 'region_id', 'session', 'submitted_on', 'lead_deputy_id', 'cosigner_count', 'category', 'status', 'result'],
  bytesPerRow: 520,
  expectedRows: (plan) => plan.counties * 5,

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('motions', c);
    const seats = seatsOf(plan, c);
    const firstDeputy = plan.firstId('deputy', c);
    const count = random.int(2, 8);
    for (let i = 0; i < count; i++) {
      const year = random.int(2022, currentYear);
      const submitted = day(year, 1, 5) + random.int(0, 30);
      let lead = random.int(0, plan.countySeats[c] - 1);
      while (!seatActiveOn(seats, lead, submitted)) lead = (lead + 1) % plan.countySeats[c];
      const category = categories[random.int(0, categories.length - 2)];
      const topics = suggestionTopics[category];
      const topic = topics[random.int(0, topics.length - 1)];
      const roll = random.next();
      const status = year < currentYear ? (roll < 0.5 ? 'CONVERTED' : 'CLOSED') : roll < 0.3 ? 'SUBMITTED' : roll < 0.6 ? 'ACCEPTED' : 'IN_PROGRESS';
      const result = status === 'CLOSED' ? '经大会主席团决定立案，已由有关部门办理并向代表反馈。' : status === 'CONVERTED' ? '未达到立案条件，转为代表建议交有关部门办理。' : NULL;
      out.add(
        `${out.nextId()}\t议案第${i + 1}号\t关于${topic}的议案\t提请${plan.countyName[c]}人民代表大会审议：${topic}。\t${plan.countyId(c)}\t第${numeralZh(plan.countyTerm[c])}届人民代表大会第${numeralZh(year - 2020)}次会议\t${iso(submitted)}\t${firstDeputy + lead}\t${random.int(9, 30)}\t${category}\t${status}\t${result}\n`,
      );
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Livelihood projects chosen by the deputies' vote (代表票决制): every January the county congress votes on
// a handful of candidates; those with a majority are carried out, most completed within the year.

const firstYear = currentYear - 2;

export const livelihoodProjects: TableGenerator = {
  table: 'livelihood_project',
  columns: ['id', 'year', 'region_id', 'title', 'budget', 'votes_for', 'votes_against', 'voted_on', 'status', 'completed_on'],
  bytesPerRow: 250,
  expectedRows: (plan) => plan.counties * 3 * 6,

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('livelihood', c);
    const present = Math.round(plan.countySeats[c] * 0.95);
    for (let year = firstYear; year <= currentYear; year++) {
      // Voted at the January session (no draw: the stream stays as it was).
      const votedOn = day(year, 1, 10);
      const candidates = random.sample(livelihoodTitles, random.int(4, 8));
      for (const title of candidates) {
        const votesFor = Math.round(present * (0.3 + 0.68 * random.next()));
        const votesAgainst = random.int(0, present - votesFor);
        const selected = votesFor * 2 > present;
        const completed = selected && year < currentYear && random.chance(0.8);
        const status = !selected ? 'REJECTED' : completed ? 'COMPLETED' : year < currentYear || random.chance(0.7) ? 'IN_PROGRESS' : 'SELECTED';
        out.add(
          `${out.nextId()}\t${year}\t${plan.countyId(c)}\t${year}年${title}\t${money(random.int(500_000, 20_000_000) * 100)}\t${votesFor}\t${votesAgainst}\t${iso(votedOn)}\t${status}\t${completed ? iso(day(year, 9, 1) + random.int(0, 200)) : NULL}\n`,
        );
      }
    }
  },
};
