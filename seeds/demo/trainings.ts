/**
 * Trainings (培训班) with their participants, 2019–2024: each county's own at its profile's rate and size
 * for its deputies and township congress staff, and the two cities' for municipal deputies. Published:
 * 汇川 held 11 trainings for 620 person-times between the new term (January 2022) and its article
 * (2022-04-27), then went on at its usual rate; 兰州 holds 4–6 a year for about 400 municipal deputies; 庄浪's expert advisory panel held 11 trainings for 700+ person-times, open to its experts and the county's deputies.
 */
import { addDays, type Random } from '../random.js';
import { huichuanArticle } from './article-dates.js';
import { apportion, around, covers, maxDate, minDate, score, years } from './shared.js';
import type { County, RegionRef, Seat, World } from './world.js';

/** 庄浪县's expert advisory panel: 11 trainings for 700+ person-times (712 here). */
export const zhuanglangTrainings = { county: '620825', title: '专家咨询团', trainings: 11, participants: 712 };

const titles = ['人大代表履职能力提升培训班', '代表建议撰写专题培训班', '预算审查监督专题培训班', '代表联络站工作人员业务培训班', '乡镇人大主席履职培训班', '宪法和法律知识专题培训班'];
const panelTopics = ['政策法规解读', '预算绩效评价', '重大项目评估', '乡村振兴政策', '生态环境保护', '营商环境评价'];

type Pool = (date: string) => number[];
/** One training with `size` distinct participants from `pool`; `exact` trainings (published figures) must get all of them. */
function training(world: World, random: Random, organiser: RegionRef, title: string, startsOn: string, size: number, pool: number[], place: string, exact = false): void {
  const persons = [...new Set(pool)];
  if (exact && persons.length < size) throw new Error(`${title}: only ${persons.length} persons for ${size} places`);
  const days = random.int(0, 2);
  const id = world.data.add('training', {
    title,
    starts_on: startsOn,
    ends_on: addDays(startsOn, days),
    place,
    organiser_region_id: organiser.id,
    hours: score((days + 1) * (random.chance(0.5) ? 6 : 7)),
  });
  for (const person of random.sample(persons, size)) {
    world.data.add('training_participant', { training_id: id, person_id: person, completed: random.chance(0.97) });
  }
}

/** Persons who may attend a county's training on `date`: its county and township deputies sitting, township chairs and staff. */
function countyPool(world: World, county: County, seats: Seat[]): Pool {
  const officials = world.officials.get(county.region.code)!;
  const staff = [...officials.townshipChairs.values(), ...[...officials.townshipStaff.values()].flat()];
  return (date) => [...seats.filter((seat) => covers(seat.electedOn, seat.endedOn, date)).map((seat) => seat.personId), ...staff];
}

export function generateTrainings(world: World, random: Random): void {
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const seats = world.seats.filter((seat) => seat.county === county && (seat.level === 'COUNTY' || seat.level === 'TOWNSHIP'));
    const pool = countyPool(world, county, seats);
    const huichuan = county.region.code === huichuanArticle.county;
    const { perYear, size } = county.profile.trainings;
    const places = [`${county.region.name}人大常委会会议室`, `中共${county.region.name}委党校`, `${county.region.name}人大代表培训中心`];
    for (const year of years) {
      // 汇川's own trainings of the new term's first months are the article's (below); its usual ones follow the article.
      const opens = huichuan && `${year}-12-31` >= huichuanArticle.from ? maxDate(`${year}-03-01`, addDays(huichuanArticle.date, 1)) : `${year}-03-01`;
      for (let i = 0; i < perYear; i++) {
        const startsOn = local.date(opens, `${year}-11-30`);
        // The new term's first training; 汇川's is the first of its article's eleven.
        const title = year === 2022 && i === 0 && !huichuan ? '新任人大代表初任培训班' : local.pick(titles);
        training(world, local, county.region, `${county.region.name}${title}`, startsOn, around(local, size, 0.25), pool(startsOn), local.pick(places));
      }
    }
    if (huichuan) {
      const sizes = apportion(
        huichuanArticle.participants,
        Array.from({ length: huichuanArticle.trainings }, () => 0.7 + 0.6 * local.next()),
      );
      // One every ten days or so from mid-January, the last by the article's date.
      sizes.forEach((count, index) => {
        const startsOn = minDate(local.date(addDays(huichuanArticle.from, 9 + index * 10), addDays(huichuanArticle.from, 15 + index * 10)), huichuanArticle.date);
        const title = index === 0 ? '新任人大代表初任培训班' : local.pick(titles);
        training(world, local, county.region, `${county.region.name}${title}`, startsOn, count, pool(startsOn), local.pick(places), true);
      });
    }
    if (county.region.code === zhuanglangTrainings.county) {
      const sizes = apportion(
        zhuanglangTrainings.participants,
        Array.from({ length: zhuanglangTrainings.trainings }, () => 0.8 + 0.4 * local.next()),
      );
      sizes.forEach((count, index) => {
        const startsOn = local.date(addDays('2019-08-01', index * 175), addDays('2019-08-01', index * 175 + 120));
        const title = `${county.region.name}人大常委会${zhuanglangTrainings.title}${panelTopics[index % panelTopics.length]}培训`;
        training(world, local, county.region, title, startsOn, count, [...world.advisers, ...pool(startsOn)], places[0], true);
      });
    }
  }
  for (const city of world.cities) {
    if (!city.profile.trainings) continue;
    const local = random.fork(city.region.code);
    const municipal = world.seats.filter((seat) => seat.level === 'MUNICIPAL' && seat.county.city === city.region);
    const { perYear, size: usual, yearly } = city.profile.trainings;
    for (const year of years) {
      // 兰州's article: each year's number and total fixed (about 400, within 5 %), the trainings' sizes varying.
      const count = yearly ? local.int(...yearly.trainings) : perYear;
      const sizes = yearly
        ? apportion(
            around(local, yearly.participants, 0.05),
            Array.from({ length: count }, () => 0.7 + 0.6 * local.next()),
          )
        : null;
      for (let i = 0; i < count; i++) {
        const startsOn = local.date(`${year}-03-01`, `${year}-11-30`);
        const pool = municipal.filter((seat) => covers(seat.electedOn, seat.endedOn, startsOn)).map((seat) => seat.personId);
        const size = sizes ? sizes[i] : around(local, usual, 0.25);
        training(world, local, city.region, `${city.region.name}${local.pick(titles.slice(0, 4))}`, startsOn, size, pool, `${city.region.name}人大常委会机关`, Boolean(yearly));
      }
    }
  }
}
