/**
 * The people who run each county's congress: the standing committee's chair and vice chairs, the heads of
 * its working committees, and in every township a full-time congress chair (人大主席; a street's 人大工委
 * 主任) with two or three staff in 平凉 and one or two elsewhere. Chairs and vice chairs later take county
 * seats and township chairs township seats (elections.ts); appointments elect them (appointments.ts). Where
 * the profile records the previous term's leaders (吉县), they are other people, today former holders (原…).
 */
import type { Random } from '../random.js';
import { committees } from './organisations.js';
import type { County, Leadership, Officials, World } from './world.js';

export function generateOfficials(world: World, random: Random): void {
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const name = county.region.name;
    const official = (workplace: string, township = county.townships[0]) => world.people.add(local, { county, township, role: 'OFFICIAL', workplace, age: [44, 58], women: 0.2 }).id;
    const officials: Officials = {
      chair: official(`${name}人大常委会主任`),
      viceChairs: Array.from({ length: county.profile.appointments.viceChairs }, () => official(`${name}人大常委会副主任`)),
      committees: new Map(committees.map((committee) => [committee, official(`${name}人大常委会${committee}工作委员会主任`)])),
      townshipChairs: new Map(),
      townshipStaff: new Map(),
    };
    const pingliang = county.city.code === '620800';
    for (const township of county.townships) {
      const street = township.kind === 'STREET';
      const title = street ? `${township.name}人大工委主任` : `${township.name}人大主席`;
      officials.townshipChairs.set(township.code, official(title, township));
      const staff = pingliang ? local.int(2, 3) : local.int(1, 2);
      officials.townshipStaff.set(
        township.code,
        Array.from({ length: staff }, () => world.people.add(local, { county, township, role: 'OTHER', workplace: `${township.name}${street ? '人大工委' : '人大办公室'}干事`, age: [25, 50] }).id),
      );
    }
    // On a stream of its own: the current term's officials stay as they were.
    if (county.profile.previousLeadership) officials.previous = previousLeadership(world, random.fork(`${county.region.code}:previous`), county);
    world.officials.set(county.region.code, officials);
  }
}

/** The previous term's leaders (the congress's townships only: streets have no chair elected), now former holders of their posts. */
function previousLeadership(world: World, random: Random, county: County): Leadership {
  const name = county.region.name;
  const former = (post: string, township = county.townships[0]) => world.people.add(random, { county, township, role: 'OFFICIAL', workplace: `原${post}`, age: [50, 64], women: 0.2 }).id;
  return {
    chair: former(`${name}人大常委会主任`),
    viceChairs: Array.from({ length: county.profile.appointments.viceChairs }, () => former(`${name}人大常委会副主任`)),
    committees: new Map(committees.map((committee) => [committee, former(`${name}人大常委会${committee}工作委员会主任`)])),
    townshipChairs: new Map(county.congressTownships.map((township) => [township.code, former(`${township.name}人大主席`, township)])),
  };
}
