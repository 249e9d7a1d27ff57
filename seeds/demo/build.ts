/**
 * The demo data set: the real places and published figures of DOMAIN.md, everything else generated
 * deterministically around them from one seed. Generators run in dependency order, each on its own
 * random stream, so changing one never shifts the rows of another.
 */
import type { Dataset } from '../dataset.js';
import { Random } from '../random.js';
import { generateActivities } from './activities.js';
import { generateAppointments } from './appointments.js';
import { generateDashboards } from './dashboards.js';
import { generateAssignments } from './assignments.js';
import { generateDeputies } from './elections.js';
import { generateFunding } from './funding.js';
import { generateGroups } from './groups.js';
import { generateLivelihoodProjects } from './livelihood.js';
import { generateMotions } from './motions.js';
import { generateOfficials } from './officials.js';
import { generateOrganisations } from './organisations.js';
import { generatePerformance } from './performance.js';
import { PersonFactory } from './persons.js';
import { generateRegions } from './regions.js';
import { generateStations } from './stations.js';
import { generateSuggestions } from './suggestions.js';
import { generateDeadlineNotices } from './deadline-notices.js';
import { generateTrainings } from './trainings.js';
import { referenceDate } from './shared.js';
import { emptyWorld } from './world.js';

export const demoSeed = 'crc-demo-2024';
/** The day the data set describes, '2024-12-31' ("since 2019" runs from 2019-01-01 to this day). */
export const demoReferenceDate: string = referenceDate;

export function buildDemo(seed: string): Dataset {
  const random = new Random(seed);
  const world = emptyWorld((data) => new PersonFactory(data));
  generateRegions(world, random.fork('regions'));
  generateOrganisations(world, random.fork('organisations'));
  generateOfficials(world, random.fork('officials'));
  generateDeputies(world, random.fork('deputies'));
  generateGroups(world, random.fork('groups'));
  generateStations(world, random.fork('stations'));
  generateAssignments(world, random.fork('assignments'));
  generateActivities(world, random.fork('activities'));
  generateFunding(world, random.fork('funding'));
  generateAppointments(world, random.fork('appointments'));
  generateSuggestions(world, random.fork('suggestions'));
  generateDeadlineNotices(world);
  generateMotions(world, random.fork('motions'));
  generateLivelihoodProjects(world, random.fork('livelihood'));
  generateTrainings(world, random.fork('trainings'));
  generatePerformance(world, random.fork('performance'));
  generateDashboards(world);
  return world.data;
}
