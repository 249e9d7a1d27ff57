/**
 * Motions (议案), 2019–2024: a few a year at each county congress's session and more at 兰州's, led by a
 * deputy with at least ten co-signers. Most are converted into suggestions; the rest are accepted,
 * handled and closed with a result, older ones further along than recent ones.
 */
import type { MotionStatus, SuggestionCategory } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { sessionIn, type Congress } from './calendar.js';
import { zhenpingArticle } from './article-dates.js';
import { covers, shortName, years } from './shared.js';
import { fill, suggestionTitles } from './texts.js';
import type { RegionRef, Seat, World } from './world.js';

const laws = ['物业管理条例', '城市市容和环境卫生管理条例', '黄河兰州段生态保护条例', '养犬管理条例', '历史文化名城保护条例', '电动自行车管理条例'];
const categories: SuggestionCategory[] = ['AGRICULTURE', 'ECONOMY', 'URBAN', 'ENVIRONMENT', 'EDUCATION', 'SOCIAL'];

function statusOf(random: Random, year: number): MotionStatus {
  if (year <= 2022) return random.chance(0.6) ? 'CONVERTED' : 'CLOSED';
  if (year === 2023) return random.weighted({ CONVERTED: 5, IN_PROGRESS: 2, CLOSED: 3 });
  return random.weighted({ CONVERTED: 5, ACCEPTED: 2, IN_PROGRESS: 3 });
}

/** How many a year: drawn from a range, or fixed per year 2019–2024 (镇平, whose article counts its motions). */
type PerYear = { drawn: [number, number] } | { fixed: readonly number[] };

function motions(world: World, random: Random, region: RegionRef, congress: Congress, deputies: Seat[], perYear: PerYear, city: boolean): void {
  years.forEach((year, y) => {
    const session = sessionIn(congress, year);
    const count = 'fixed' in perYear ? perYear.fixed[y] : random.int(...perYear.drawn);
    for (let n = 1; n <= count; n++) {
      const submittedOn = addDays(session.date, random.int(0, 2));
      const sitting = deputies.filter((seat) => covers(seat.electedOn, seat.endedOn, submittedOn));
      const category = random.pick(categories);
      const title =
        city && random.chance(0.6)
          ? `关于制定《${region.name}${random.pick(laws)}》的议案`
          : fill(random.pick(suggestionTitles[category]), { county: shortName(region.name), township: '', village: '' }).replace(/建议$/, '议案');
      const status = statusOf(random, year);
      world.data.add('motion', {
        number: `议案第${n}号`,
        title,
        body: `${title.replace(/^关于/, '').replace(/的议案$/, '')}，关系全局、群众关注，需要通过人民代表大会审议决定，特提出本议案。`,
        region_id: region.id,
        session: session.name,
        submitted_on: submittedOn,
        lead_deputy_id: sitting.length ? random.pick(sitting).id : null,
        cosigner_count: random.int(10, city ? 40 : 25),
        category,
        status,
        result: status === 'CLOSED' ? `经大会主席团决定交付常委会审议，有关部门已落实办理，${year + 1}年办结。` : status === 'CONVERTED' ? '经审查不符合议案条件，作为代表建议交有关部门办理。' : null,
      });
    }
  });
}

const perYearOf = (code: string): PerYear => (code === zhenpingArticle.county ? { fixed: zhenpingArticle.motionsPerYear } : { drawn: [0, 3] });

export function generateMotions(world: World, random: Random): void {
  for (const county of world.counties) {
    const deputies = world.seats.filter((seat) => seat.regionId === county.region.id && seat.level === 'COUNTY');
    motions(world, random.fork(county.region.code), county.region, { term: county.terms.current.number, sessionDay: county.profile.sessionDay }, deputies, perYearOf(county.region.code), false);
  }
  const lanzhou = world.cities.find((city) => city.region.code === '620100')!;
  const municipal = world.seats.filter((seat) => seat.level === 'MUNICIPAL' && seat.county.city === lanzhou.region);
  motions(world, random.fork('兰州'), lanzhou.region, { term: 17, sessionDay: '01-20' }, municipal, { drawn: [3, 6] }, true);
}
