/**
 * What makes each county of the demo different: size, deputies per level, composition, stations,
 * assignment and activity rates with their trend, funding level, suggestion handling, appointments,
 * trainings, livelihood votes and groups. Generators read nothing but these numbers and the published
 * figures, so a chart comparing counties shows the differences written here, not uniform noise.
 * Counts written as exact numbers are reproduced exactly (the published ones among them). Election and
 * session days are plausible dates of the 2016 and 2021 county elections, not the real ones.
 */
import type { Ethnicity } from '../../schema/shared/enums.js';

/** Yearly values, 2019 to 2024. */
export type ByYear = [number, number, number, number, number, number];

export type CountyProfile = {
  code: string;
  /** Election days of the county and township deputies: the current term's (2021) and the previous one's (2016). */
  elections: [current: string, previous: string];
  /** Month and day of the annual congress session (the 2017 and 2022 sessions are the terms' first). */
  sessionDay: string;
  /** Current-term seats: county deputies, township deputies (all towns together), municipal and provincial deputies living here. */
  deputies: { county: number; township: number; municipal: number; provincial: number };
  /** Size of the previous term relative to the current one. */
  previousScale: number;
  people: { women: number; minority: number; ethnicities: Ethnicity[]; frontline: number; age: number };
  /** Stations besides one home per township: extra county-level homes, stations, village rooms, points; the share of 八有 items met. */
  stations: { extraHomes: number; stations: number; rooms: number; points: number; standard: number; noHomes?: boolean };
  /** Share of seats assigned to a station: previous term, current term; share of those placed in village rooms. */
  assignment: [previous: number, current: number];
  roomShare?: number;
  /** Share of seats that take part in station activities: previous term, current term. */
  entry: [previous: number, current: number];
  /** Activities per home and year in 2019, their yearly growth, voters per reception, deputies per activity. */
  activity: { rate: number; trend: number; voters: number; size: number };
  /** Deputy activity budget relative to the standard in force, per year; share of budgets disbursed. */
  funding: { factor: ByYear; execution: number };
  /** Own standards (CNY) with the year they took effect, where the city sets none. */
  standards?: { county?: [number, number][]; township?: [number, number][]; home?: number; session?: number; street?: number; construction?: number };
  /** Suggestions a year and their handling; `commended`: how many of a year's are named high-quality (优秀建议) at the next session. */
  suggestions: { perYear: ByYear; answer: number; satisfaction: number; closure: number; key: number; commended?: number };
  /** Appointment actions 2019–2024 by the county congress and its standing committee: all, those taking an oath, oaths, exams, exams failed (镇平: those after its article; article-dates.ts holds the ones before). */
  appointments: { total: number; required: number; oaths: number; exams: number; failed: number; viceChairs: number };
  trainings: { perYear: number; size: number };
  livelihood: { since: number; candidates: number; selected: number; townshipsSince?: number };
  groups: { regional: boolean; professional: string[]; functional: string[] };
  /** Township chairs also hold county seats and sit on the county standing committee (吉县). */
  chairsInCounty?: boolean;
  /** Members (委员) elected to the standing committee besides its chairs, where an article gives them (吉县): full-time and part-time. */
  standingMembers?: { fullTime: number; partTime: number };
  /** The previous term's leaders are recorded too, in the same structure as the current term's (吉县: its article describes the term elected in 2016). */
  previousLeadership?: boolean;
};

const flat = (value: number): ByYear => [value, value, value, value, value, value];

export const profiles: CountyProfile[] = [
  // 平凉市: the city sets the funding standards (funding.ts)
  {
    code: '620802',
    elections: ['2021-11-16', '2016-11-15'],
    sessionDay: '01-12',
    deputies: { county: 230, township: 420, municipal: 70, provincial: 10 },
    previousScale: 1.02,
    people: { women: 0.31, minority: 0.09, ethnicities: ['HUI'], frontline: 0.42, age: 47 },
    stations: { extraHomes: 1, stations: 24, rooms: 36, points: 0, standard: 0.82 },
    assignment: [0.6, 0.95],
    entry: [0.55, 0.8],
    activity: { rate: 2.6, trend: 1.12, voters: 14, size: 3 },
    funding: { factor: [1.2, 1.2, 1.25, 1.25, 1.3, 1.3], execution: 0.93 },
    suggestions: { perYear: [32, 34, 27, 40, 36, 35], answer: 0.98, satisfaction: 0.93, closure: 0.9, key: 4 },
    appointments: { total: 147, required: 67, oaths: 64, exams: 49, failed: 2, viceChairs: 4 },
    trainings: { perYear: 3, size: 32 },
    livelihood: { since: 2019, candidates: 8, selected: 6 },
    groups: { regional: true, professional: ['法治建设', '生态环保', '城市建设'], functional: [] },
  },
  {
    code: '620821',
    elections: ['2021-11-18', '2016-11-17'],
    sessionDay: '01-16',
    deputies: { county: 190, township: 380, municipal: 42, provincial: 4 },
    previousScale: 0.98,
    people: { women: 0.29, minority: 0.01, ethnicities: ['HUI'], frontline: 0.5, age: 48 },
    stations: { extraHomes: 0, stations: 14, rooms: 60, points: 0, standard: 0.9 },
    assignment: [0.7, 0.99],
    entry: [0.7, 0.9],
    activity: { rate: 2.8, trend: 1.08, voters: 22, size: 3 },
    funding: { factor: [1, 1, 1.1, 1, 1.05, 1.1], execution: 0.96 },
    suggestions: { perYear: [24, 26, 22, 29, 28, 26], answer: 1, satisfaction: 0.97, closure: 0.95, key: 3 },
    appointments: { total: 105, required: 48, oaths: 48, exams: 35, failed: 1, viceChairs: 4 },
    trainings: { perYear: 2, size: 29 },
    livelihood: { since: 2013, candidates: 9, selected: 6 },
    groups: { regional: true, professional: [], functional: [] },
  },
  {
    code: '620822',
    elections: ['2021-11-18', '2016-11-17'],
    sessionDay: '01-18',
    deputies: { county: 165, township: 330, municipal: 32, provincial: 3 },
    previousScale: 1,
    people: { women: 0.27, minority: 0.005, ethnicities: ['HUI'], frontline: 0.52, age: 49 },
    stations: { extraHomes: 0, stations: 10, rooms: 38, points: 0, standard: 0.88 },
    assignment: [0.72, 1],
    entry: [0.66, 0.86],
    activity: { rate: 2.4, trend: 1.1, voters: 18, size: 3 },
    funding: { factor: flat(1), execution: 0.97 },
    suggestions: { perYear: [21, 23, 20, 25, 24, 22], answer: 1, satisfaction: 0.96, closure: 0.93, key: 3 },
    appointments: { total: 92, required: 42, oaths: 40, exams: 31, failed: 1, viceChairs: 4 },
    trainings: { perYear: 3, size: 27 },
    livelihood: { since: 2018, candidates: 7, selected: 5 },
    groups: { regional: true, professional: [], functional: [] },
  },
  {
    code: '620823',
    elections: ['2021-11-19', '2016-11-18'],
    sessionDay: '01-20',
    deputies: { county: 125, township: 180, municipal: 20, provincial: 2 },
    previousScale: 1.03,
    people: { women: 0.24, minority: 0.01, ethnicities: ['HUI'], frontline: 0.46, age: 50 },
    stations: { extraHomes: 0, stations: 6, rooms: 18, points: 0, standard: 0.68 },
    assignment: [0.5, 0.9],
    entry: [0.4, 0.62],
    activity: { rate: 1.5, trend: 1.2, voters: 9, size: 2 },
    funding: { factor: [0.8, 0.85, 0.9, 0.95, 1, 1], execution: 0.86 },
    suggestions: { perYear: [12, 14, 11, 15, 14, 15], answer: 0.96, satisfaction: 0.9, closure: 0.82, key: 1 },
    appointments: { total: 67, required: 29, oaths: 25, exams: 14, failed: 2, viceChairs: 3 },
    trainings: { perYear: 1, size: 22 },
    livelihood: { since: 2021, candidates: 5, selected: 4 },
    groups: { regional: true, professional: [], functional: [] },
  },
  {
    code: '620825',
    elections: ['2021-11-17', '2016-11-16'],
    sessionDay: '01-14',
    deputies: { county: 205, township: 470, municipal: 46, provincial: 5 },
    previousScale: 0.97,
    people: { women: 0.28, minority: 0.02, ethnicities: ['HUI'], frontline: 0.55, age: 47 },
    stations: { extraHomes: 0, stations: 18, rooms: 52, points: 0, standard: 0.8 },
    assignment: [0.55, 0.93],
    entry: [0.5, 0.78],
    activity: { rate: 2, trend: 1.15, voters: 16, size: 3 },
    funding: { factor: [1, 1, 1, 1.05, 1.05, 1.1], execution: 0.9 },
    suggestions: { perYear: [28, 29, 25, 33, 31, 30], answer: 0.99, satisfaction: 0.94, closure: 0.88, key: 3, commended: 5 },
    appointments: { total: 118, required: 53, oaths: 50, exams: 42, failed: 2, viceChairs: 4 },
    trainings: { perYear: 2, size: 29 },
    livelihood: { since: 2020, candidates: 6, selected: 5 },
    groups: { regional: true, professional: [], functional: [] },
  },
  {
    code: '620826',
    elections: ['2021-11-17', '2016-11-16'],
    sessionDay: '01-15',
    deputies: { county: 225, township: 560, municipal: 50, provincial: 4 },
    previousScale: 1.01,
    people: { women: 0.26, minority: 0.01, ethnicities: ['HUI'], frontline: 0.57, age: 48 },
    stations: { extraHomes: 0, stations: 20, rooms: 40, points: 0, standard: 0.72 },
    assignment: [0.48, 0.86],
    entry: [0.42, 0.7],
    activity: { rate: 1.6, trend: 1.22, voters: 15, size: 3 },
    funding: { factor: [0.95, 1, 1, 1, 1, 1], execution: 0.88 },
    suggestions: { perYear: [30, 32, 28, 36, 35, 33], answer: 0.97, satisfaction: 0.92, closure: 0.85, key: 2 },
    appointments: { total: 126, required: 56, oaths: 52, exams: 36, failed: 3, viceChairs: 4 },
    trainings: { perYear: 2, size: 30 },
    livelihood: { since: 2019, candidates: 7, selected: 5 },
    groups: { regional: true, professional: ['苹果产业'], functional: ['苹果'] },
  },
  {
    code: '620881',
    elections: ['2021-11-16', '2016-11-15'],
    sessionDay: '01-13',
    deputies: { county: 160, township: 270, municipal: 30, provincial: 3 },
    previousScale: 0.99,
    people: { women: 0.3, minority: 0.06, ethnicities: ['HUI'], frontline: 0.4, age: 46 },
    stations: { extraHomes: 0, stations: 12, rooms: 24, points: 0, standard: 0.85 },
    assignment: [0.52, 0.91],
    entry: [0.5, 0.74],
    activity: { rate: 2.2, trend: 1.1, voters: 12, size: 3 },
    funding: { factor: [1.1, 1.1, 1.15, 1.2, 1.2, 1.2], execution: 0.92 },
    suggestions: { perYear: [20, 21, 18, 24, 23, 22], answer: 0.99, satisfaction: 0.95, closure: 0.9, key: 2 },
    appointments: { total: 84, required: 38, oaths: 36, exams: 28, failed: 1, viceChairs: 3 },
    trainings: { perYear: 2, size: 26 },
    livelihood: { since: 2020, candidates: 6, selected: 4 },
    groups: { regional: true, professional: ['煤电产业'], functional: [] },
  },
  // 兰州市: 5,879 deputies at three levels (municipal 489 + county 1,900 + township 3,490), 113 homes (one per township,
  // four at county level: 城关 2, 七里河 1, 榆中 1), 480 stations. 安宁区's towns (忠和镇、九合镇) were 皋兰县's, and so are
  // part of its township deputies.
  {
    code: '620102',
    elections: ['2021-11-25', '2016-11-24'],
    sessionDay: '01-08',
    deputies: { county: 340, township: 0, municipal: 110, provincial: 40 },
    previousScale: 0.98,
    people: { women: 0.36, minority: 0.06, ethnicities: ['HUI', 'MANCHU', 'DONGXIANG'], frontline: 0.3, age: 46 },
    stations: { extraHomes: 2, stations: 0, rooms: 0, points: 0, standard: 0.9 },
    assignment: [0.62, 0.98],
    entry: [0.5, 0.82],
    activity: { rate: 2.2, trend: 1.12, voters: 20, size: 3 },
    funding: { factor: [1, 1, 1, 1.05, 1.05, 1.05], execution: 0.95 },
    standards: {
      county: [
        [2000, 2017],
        [3000, 2022],
      ],
      street: 50000,
    },
    suggestions: { perYear: [40, 42, 36, 45, 43, 42], answer: 1, satisfaction: 0.97, closure: 0.94, key: 6 },
    appointments: { total: 182, required: 83, oaths: 78, exams: 66, failed: 2, viceChairs: 5 },
    trainings: { perYear: 3, size: 36 },
    livelihood: { since: 2017, candidates: 10, selected: 8 },
    groups: { regional: true, professional: ['营商环境', '社区治理'], functional: [] },
  },
  {
    code: '620103',
    elections: ['2021-11-25', '2016-11-24'],
    sessionDay: '01-09',
    deputies: { county: 250, township: 330, municipal: 70, provincial: 14 },
    previousScale: 1,
    people: { women: 0.33, minority: 0.05, ethnicities: ['HUI', 'DONGXIANG'], frontline: 0.34, age: 47 },
    stations: { extraHomes: 1, stations: 0, rooms: 0, points: 0, standard: 0.84 },
    assignment: [0.55, 0.95],
    entry: [0.48, 0.8],
    activity: { rate: 2, trend: 1.1, voters: 16, size: 3 },
    funding: { factor: flat(1), execution: 0.93 },
    standards: {
      county: [
        [1500, 2017],
        [2000, 2022],
      ],
      township: [
        [800, 2017],
        [1000, 2022],
      ],
      street: 30000,
    },
    suggestions: { perYear: [29, 30, 26, 33, 32, 31], answer: 0.99, satisfaction: 0.95, closure: 0.9, key: 4 },
    appointments: { total: 140, required: 63, oaths: 60, exams: 49, failed: 2, viceChairs: 4 },
    trainings: { perYear: 2, size: 32 },
    livelihood: { since: 2018, candidates: 8, selected: 6 },
    groups: { regional: true, professional: [], functional: [] },
  },
  {
    code: '620104',
    elections: ['2021-11-25', '2016-11-24'],
    sessionDay: '01-10',
    deputies: { county: 220, township: 310, municipal: 55, provincial: 8 },
    previousScale: 1.02,
    people: { women: 0.3, minority: 0.03, ethnicities: ['HUI'], frontline: 0.42, age: 48 },
    stations: { extraHomes: 0, stations: 0, rooms: 0, points: 0, standard: 0.78 },
    assignment: [0.5, 0.93],
    entry: [0.45, 0.72],
    activity: { rate: 1.8, trend: 1.08, voters: 14, size: 3 },
    funding: { factor: [0.95, 0.95, 1, 1, 1, 1], execution: 0.9 },
    standards: { county: [[1500, 2018]], township: [[600, 2018]], street: 20000 },
    suggestions: { perYear: [25, 26, 23, 30, 28, 27], answer: 0.98, satisfaction: 0.93, closure: 0.87, key: 3 },
    appointments: { total: 119, required: 53, oaths: 49, exams: 38, failed: 2, viceChairs: 4 },
    trainings: { perYear: 2, size: 29 },
    livelihood: { since: 2019, candidates: 7, selected: 5 },
    groups: { regional: true, professional: ['石化产业'], functional: [] },
  },
  {
    code: '620105',
    elections: ['2021-11-25', '2016-11-24'],
    sessionDay: '01-10',
    deputies: { county: 190, township: 170, municipal: 45, provincial: 10 },
    previousScale: 0.96,
    people: { women: 0.35, minority: 0.04, ethnicities: ['HUI'], frontline: 0.28, age: 45 },
    stations: { extraHomes: 0, stations: 0, rooms: 0, points: 0, standard: 0.88 },
    assignment: [0.58, 0.96],
    entry: [0.52, 0.85],
    activity: { rate: 2.4, trend: 1.14, voters: 18, size: 3 },
    funding: { factor: flat(1.1), execution: 0.96 },
    standards: { county: [[2000, 2019]], street: 30000 },
    suggestions: { perYear: [22, 24, 20, 26, 25, 25], answer: 1, satisfaction: 0.98, closure: 0.95, key: 3 },
    appointments: { total: 105, required: 48, oaths: 46, exams: 35, failed: 1, viceChairs: 4 },
    trainings: { perYear: 3, size: 29 },
    livelihood: { since: 2018, candidates: 7, selected: 6 },
    groups: { regional: true, professional: ['教育科技'], functional: [] },
  },
  {
    code: '620111',
    elections: ['2021-11-26', '2016-11-25'],
    sessionDay: '01-11',
    deputies: { county: 170, township: 230, municipal: 35, provincial: 4 },
    previousScale: 1.04,
    people: { women: 0.27, minority: 0.08, ethnicities: ['HUI', 'TU'], frontline: 0.45, age: 48 },
    stations: { extraHomes: 0, stations: 0, rooms: 0, points: 0, standard: 0.7 },
    assignment: [0.45, 0.9],
    entry: [0.38, 0.66],
    activity: { rate: 1.4, trend: 1.18, voters: 10, size: 2 },
    funding: { factor: [0.9, 0.9, 1, 1, 1, 1], execution: 0.85 },
    standards: {
      county: [
        [1000, 2018],
        [1200, 2023],
      ],
      township: [[500, 2018]],
      street: 15000,
    },
    suggestions: { perYear: [15, 17, 14, 19, 18, 17], answer: 0.96, satisfaction: 0.91, closure: 0.83, key: 2 },
    appointments: { total: 77, required: 35, oaths: 31, exams: 21, failed: 2, viceChairs: 3 },
    trainings: { perYear: 1, size: 25 },
    livelihood: { since: 2021, candidates: 5, selected: 4 },
    groups: { regional: true, professional: [], functional: [] },
  },
  {
    code: '620121',
    elections: ['2021-11-26', '2016-11-25'],
    sessionDay: '01-13',
    deputies: { county: 260, township: 1030, municipal: 60, provincial: 7 },
    previousScale: 1.01,
    people: { women: 0.25, minority: 0.04, ethnicities: ['HUI', 'TIBETAN', 'TU'], frontline: 0.58, age: 49 },
    stations: { extraHomes: 0, stations: 0, rooms: 0, points: 0, standard: 0.74 },
    assignment: [0.4, 0.88],
    entry: [0.36, 0.68],
    activity: { rate: 1.5, trend: 1.2, voters: 14, size: 3 },
    funding: { factor: flat(1), execution: 0.88 },
    standards: {
      county: [
        [800, 2018],
        [1000, 2022],
      ],
      township: [
        [500, 2018],
        [600, 2022],
      ],
    },
    suggestions: { perYear: [26, 28, 24, 31, 30, 29], answer: 0.97, satisfaction: 0.92, closure: 0.84, key: 2 },
    appointments: { total: 123, required: 56, oaths: 50, exams: 34, failed: 3, viceChairs: 4 },
    trainings: { perYear: 2, size: 32 },
    livelihood: { since: 2020, candidates: 6, selected: 5 },
    groups: { regional: true, professional: [], functional: ['矛盾纠纷化解'] },
  },
  {
    code: '620122',
    elections: ['2021-11-26', '2016-11-25'],
    sessionDay: '01-14',
    deputies: { county: 170, township: 250, municipal: 40, provincial: 4 },
    previousScale: 0.99,
    people: { women: 0.27, minority: 0.01, ethnicities: ['HUI'], frontline: 0.55, age: 49 },
    stations: { extraHomes: 0, stations: 0, rooms: 0, points: 0, standard: 0.8 },
    assignment: [0.5, 0.92],
    entry: [0.44, 0.76],
    activity: { rate: 1.9, trend: 1.1, voters: 12, size: 3 },
    funding: { factor: flat(1), execution: 0.92 },
    standards: { county: [[1000, 2018]], township: [[500, 2018]] },
    suggestions: { perYear: [17, 18, 15, 20, 19, 19], answer: 1, satisfaction: 0.96, closure: 0.91, key: 2 },
    appointments: { total: 78, required: 35, oaths: 34, exams: 24, failed: 1, viceChairs: 3 },
    trainings: { perYear: 2, size: 24 },
    livelihood: { since: 2019, candidates: 6, selected: 5 },
    groups: { regional: true, professional: ['什川梨园'], functional: [] },
  },
  {
    code: '620123',
    elections: ['2021-11-26', '2016-11-25'],
    sessionDay: '01-12',
    deputies: { county: 300, township: 1170, municipal: 74, provincial: 9 },
    previousScale: 1,
    people: { women: 0.26, minority: 0.02, ethnicities: ['HUI'], frontline: 0.56, age: 48 },
    stations: { extraHomes: 1, stations: 0, rooms: 0, points: 0, standard: 0.76 },
    assignment: [0.42, 0.9],
    entry: [0.4, 0.72],
    activity: { rate: 1.6, trend: 1.16, voters: 15, size: 3 },
    funding: { factor: [1, 1, 1, 1, 1.1, 1.1], execution: 0.9 },
    standards: {
      county: [
        [1000, 2019],
        [1200, 2023],
      ],
      township: [[600, 2019]],
    },
    suggestions: { perYear: [30, 31, 28, 35, 34, 33], answer: 0.98, satisfaction: 0.94, closure: 0.86, key: 3 },
    appointments: { total: 133, required: 60, oaths: 56, exams: 42, failed: 2, viceChairs: 4 },
    trainings: { perYear: 2, size: 35 },
    livelihood: { since: 2019, candidates: 7, selected: 6 },
    groups: { regional: true, professional: ['高原夏菜'], functional: [] },
  },
  // 汇川区: 51 stations and rooms brought to standard with a special subsidy (all 八有 met); 129 suggestions at the 2022 session
  {
    code: '520303',
    elections: ['2021-11-10', '2016-11-09'],
    sessionDay: '01-06',
    deputies: { county: 210, township: 304, municipal: 36, provincial: 5 },
    previousScale: 0.97,
    people: { women: 0.33, minority: 0.07, ethnicities: ['GELAO', 'MIAO', 'TUJIA'], frontline: 0.38, age: 46 },
    stations: { extraHomes: 0, stations: 13, rooms: 24, points: 0, standard: 1 },
    assignment: [0.7, 1],
    entry: [0.62, 0.88],
    activity: { rate: 2, trend: 1.15, voters: 15, size: 3 },
    funding: { factor: [1, 1, 1, 1.1, 1.1, 1.1], execution: 0.95 },
    standards: { county: [[1500, 2019]], township: [[800, 2019]], home: 10000, street: 30000, construction: 20000 },
    suggestions: { perYear: [48, 52, 44, 141, 56, 59], answer: 1, satisfaction: 0.96, closure: 0.92, key: 4 },
    appointments: { total: 133, required: 60, oaths: 59, exams: 49, failed: 1, viceChairs: 4 },
    trainings: { perYear: 2, size: 29 },
    livelihood: { since: 2019, candidates: 8, selected: 6 },
    groups: { regional: true, professional: [], functional: [] },
  },
  // 镇平县: on its article's date (2021-09-03, article-dates.ts) 242 appointment actions since 2019, 86 oaths, 79 exams;
  // 134 motions and suggestions since 2020; 107 village rooms; every seat assigned, 91% station entry. The years after go on.
  {
    code: '411324',
    elections: ['2021-10-28', '2016-10-27'],
    sessionDay: '01-05',
    deputies: { county: 280, township: 1425, municipal: 34, provincial: 4 },
    previousScale: 0.98,
    people: { women: 0.29, minority: 0.02, ethnicities: ['HUI'], frontline: 0.52, age: 47 },
    stations: { extraHomes: 0, stations: 6, rooms: 107, points: 0, standard: 0.86 },
    assignment: [1, 0.975],
    roomShare: 0.97,
    entry: [0.91, 0.91],
    activity: { rate: 1.2, trend: 1.12, voters: 20, size: 3 },
    funding: { factor: [1, 1, 1, 1, 1.05, 1.05], execution: 0.94 },
    standards: {
      county: [
        [600, 2018],
        [1000, 2022],
      ],
      township: [
        [300, 2018],
        [500, 2022],
      ],
      home: 3000,
    },
    suggestions: { perYear: [31, 58, 76, 30, 28, 26], answer: 0.97, satisfaction: 0.975, closure: 0.87, key: 3 },
    appointments: { total: 168, required: 72, oaths: 68, exams: 52, failed: 1, viceChairs: 4 },
    trainings: { perYear: 3, size: 32 },
    livelihood: { since: 2017, candidates: 12, selected: 10, townshipsSince: 2018 },
    groups: { regional: true, professional: [], functional: [] },
  },
  // 吉县: 8 stations and 78 points, no homes; standing committee of a chair and four vice chairs
  {
    code: '141028',
    elections: ['2021-11-20', '2016-11-19'],
    sessionDay: '01-07',
    deputies: { county: 125, township: 240, municipal: 12, provincial: 2 },
    previousScale: 1.02,
    people: { women: 0.24, minority: 0.003, ethnicities: ['HUI'], frontline: 0.5, age: 49 },
    stations: { extraHomes: 0, stations: 8, rooms: 0, points: 78, standard: 0.78, noHomes: true },
    assignment: [0.65, 1],
    entry: [0.6, 0.84],
    activity: { rate: 1.4, trend: 1.1, voters: 10, size: 2 },
    funding: { factor: flat(1), execution: 0.91 },
    standards: { county: [[600, 2019]], township: [[400, 2019]], session: 8000 },
    suggestions: { perYear: [12, 13, 11, 15, 14, 13], answer: 1, satisfaction: 0.95, closure: 0.9, key: 1 },
    appointments: { total: 59, required: 27, oaths: 25, exams: 15, failed: 1, viceChairs: 4 },
    trainings: { perYear: 2, size: 22 },
    livelihood: { since: 2021, candidates: 5, selected: 4 },
    groups: { regional: false, professional: [], functional: [] },
    chairsInCounty: true,
    // 18 full-time members: the chair, 4 vice chairs and 13 委员 (the 8 township chairs, the office's director, 4 committee heads).
    standingMembers: { fullTime: 13, partTime: 6 },
    // The article predates the 2021 换届 (article-dates.ts): the term elected in 2016 had the same leadership.
    previousLeadership: true,
  },
];

/** City-level work: the municipal congress's suggestions, trainings and provincial deputies' election days. */
export type CityProfile = {
  code: string;
  /** Election days of the provincial deputies by the municipal congress: current, previous. */
  provincialElections: [string, string];
  suggestions?: CountyProfile['suggestions'];
  /** Trainings for municipal deputies; with `yearly`, each year's number is drawn from its range and their participants add up to about its total. */
  trainings?: CountyProfile['trainings'] & { yearly?: { trainings: [number, number]; participants: number } };
};

export const cityProfiles: CityProfile[] = [
  {
    code: '620100',
    provincialElections: ['2022-12-27', '2017-12-26'],
    // The article (date unknown): 4–6 trainings a year for about 400 participants.
    trainings: { perYear: 5, size: 80, yearly: { trainings: [4, 6], participants: 400 } },
    suggestions: { perYear: [100, 104, 95, 112, 108, 106], answer: 1, satisfaction: 0.975, closure: 0.94, key: 12 },
  },
  {
    code: '620800',
    provincialElections: ['2022-12-28', '2017-12-27'],
    trainings: { perYear: 1, size: 36 },
    suggestions: { perYear: [40, 42, 38, 46, 45, 44], answer: 0.99, satisfaction: 0.95, closure: 0.9, key: 5 },
  },
  { code: '520300', provincialElections: ['2022-12-29', '2017-12-28'] },
  { code: '411300', provincialElections: ['2022-12-26', '2017-12-25'] },
  { code: '141000', provincialElections: ['2022-12-30', '2017-12-29'] },
];
