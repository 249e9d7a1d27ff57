/**
 * The skeleton of a synthetic country, drawn before any row is written: the region tree (provinces
 * 9x0000, cities, counties, townships with 9-digit codes) and, for each county, how many rows of every
 * table others point at (persons, deputies, stations, groups …). From those counts every row's id is known
 * in advance, so each table streams on its own, county by county, and references land on the right rows
 * without holding any table in memory. The plan itself is small (one entry per region).
 *
 * Counts follow DOMAIN.md's row budget per county (e.g. 2.7 million deputies / 2,850 counties ≈ 947). The
 * two drivers of a county's size (its kind and number of townships) come from low-discrepancy sequences,
 * so even a 20-county set keeps the budget's proportions.
 */
import { Random } from '../random.js';
import { day } from './calendar.js';
import { placeName } from './names.js';

export const countyKinds = ['DISTRICT', 'COUNTY', 'COUNTY_CITY'] as const;
/** In code order: streets 001…, towns 101…, townships 201… (the GB/T 2260 convention). */
export const townshipKinds = ['STREET', 'TOWN', 'TOWNSHIP'] as const;
export const STREET = 0;

/** Tables whose rows other tables point at: their ids are laid out county by county in the plan. */
export const blockTables = ['person', 'deputy', 'liaison_station', 'deputy_group', 'organisation', 'activity', 'suggestion', 'appointment', 'training'] as const;
export type BlockTable = (typeof blockTables)[number];

/** Most provinces codes beginning with 9 allow (900000 … 990000), and counties per province at province scale. */
const maxProvinces = 10;
const countiesPerProvince = 95;
const countiesPerCity = 8.6;
/** Organisations of every county (一府一委两院 and the congress office, see organisations.ts). */
export const organisationsPerCounty = 25;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const frac = (x: number) => x - Math.floor(x);

export class Plan {
  readonly random: Random;
  // Provinces and cities.
  readonly provinceCode: string[] = [];
  readonly provinceName: string[] = [];
  readonly cityProvince: number[] = [];
  readonly cityCode: string[] = [];
  readonly cityName: string[] = [];
  readonly cityTerm: number[] = [];
  // Counties (index c).
  readonly countyCity: Int32Array;
  readonly countyCode: string[] = [];
  readonly countyName: string[] = [];
  readonly countyKind: Uint8Array;
  readonly countyPopulation: Int32Array;
  readonly countyTerm: Uint8Array;
  readonly electionDay: Int32Array;
  readonly countySeats: Int32Array;
  readonly municipalSeats: Int32Array;
  readonly provincialSeats: Int32Array;
  readonly nationalSeats: Int32Array;
  /** County deputies who also hold a township seat (县乡两级代表). */
  readonly doubleSeats: Int32Array;
  readonly officials: Int32Array;
  readonly professionalGroups: Int32Array;
  readonly functionalGroups: Int32Array;
  readonly minorityShare: Float64Array;
  readonly latitude: Float64Array;
  readonly longitude: Float64Array;
  /** Townships of county c are [townshipStart[c], townshipStart[c + 1]) (global township index t). */
  readonly townshipStart: Int32Array;
  readonly townshipCode: string[] = [];
  readonly townshipName: string[] = [];
  readonly townshipKind: number[] = [];
  readonly townshipPopulation: number[] = [];
  /** Township congress seats of t, and where they begin among its county's township seats. */
  readonly townshipSeats: number[] = [];
  readonly townshipSeatStart: number[] = [];
  /** Stations of t: its home first, then the stations of the home (global local station index). */
  readonly townshipStationStart: number[] = [];
  readonly townshipStations: number[] = [];
  /** For each block table, the local index of county c's first row (length counties + 1). */
  readonly blocks = {} as Record<BlockTable, Int32Array>;

  constructor(
    readonly counties: number,
    readonly seed: string,
    /** Ids already used per table: synthetic ids start after them. */
    readonly offsets: Readonly<Record<string, number>>,
  ) {
    this.random = new Random(seed);
    const n = counties;
    this.countyCity = new Int32Array(n);
    this.countyKind = new Uint8Array(n);
    this.countyPopulation = new Int32Array(n);
    this.countyTerm = new Uint8Array(n);
    this.electionDay = new Int32Array(n);
    this.countySeats = new Int32Array(n);
    this.municipalSeats = new Int32Array(n);
    this.provincialSeats = new Int32Array(n);
    this.nationalSeats = new Int32Array(n);
    this.doubleSeats = new Int32Array(n);
    this.officials = new Int32Array(n);
    this.professionalGroups = new Int32Array(n);
    this.functionalGroups = new Int32Array(n);
    this.minorityShare = new Float64Array(n);
    this.latitude = new Float64Array(n);
    this.longitude = new Float64Array(n);
    this.townshipStart = new Int32Array(n + 1);
    for (const table of blockTables) this.blocks[table] = new Int32Array(n + 1);
    this.drawTree();
    for (let c = 0; c < n; c++) this.drawCounty(c);
  }

  get provinces(): number {
    return this.provinceCode.length;
  }
  get cities(): number {
    return this.cityCode.length;
  }
  get townships(): number {
    return this.townshipCode.length;
  }
  get regions(): number {
    return this.provinces + this.cities + this.counties + this.townships;
  }

  /** Region ids: provinces, then cities, counties and townships, each in plan order. */
  provinceId(p: number): number {
    return this.offsets.region + p + 1;
  }
  cityId(i: number): number {
    return this.offsets.region + this.provinces + i + 1;
  }
  countyId(c: number): number {
    return this.offsets.region + this.provinces + this.cities + c + 1;
  }
  townshipId(t: number): number {
    return this.offsets.region + this.provinces + this.cities + this.counties + t + 1;
  }

  /** The id of county c's first row of a block table (the next ones follow it). */
  firstId(table: BlockTable, c: number): number {
    return this.offsets[table] + this.blocks[table][c] + 1;
  }
  /** How many rows of a block table county c has. */
  count(table: BlockTable, c: number): number {
    return this.blocks[table][c + 1] - this.blocks[table][c];
  }
  total(table: BlockTable): number {
    return this.blocks[table][this.counties];
  }

  /** The head of county c's government: 区长, 县长 or 市长. */
  headOfGovernment(c: number): string {
    return ['区长', '县长', '市长'][this.countyKind[c]];
  }

  /** The term (届) of county c's township congresses. */
  townshipTerm(c: number): number {
    return this.countyTerm[c] + 3;
  }

  /**
   * County deputies are elected in districts, one per township: district t (0-based within the county)
   * holds county seats [districtStart(c, t), districtStart(c, t + 1)).
   */
  districtStart(c: number, t: number): number {
    const townships = this.townshipStart[c + 1] - this.townshipStart[c];
    return Math.floor((t * this.countySeats[c]) / townships);
  }

  /** How many of district t's county deputies also hold a seat in its township congress (half). */
  doublesOfDistrict(c: number, t: number): number {
    return Math.floor((this.districtStart(c, t + 1) - this.districtStart(c, t)) / 2);
  }

  /** A county's own random stream for one purpose: the same whatever else is generated. */
  stream(purpose: string, c: number): Random {
    return this.random.fork(`${purpose}:${c}`);
  }

  /** Provinces, cities and the county → city assignment. */
  private drawTree(): void {
    const random = this.random.fork('tree');
    const provinces = Math.min(maxProvinces, Math.max(1, Math.ceil(this.counties / countiesPerProvince)));
    let county = 0;
    for (let p = 0; p < provinces; p++) {
      const code = `9${p}0000`;
      this.provinceCode.push(code);
      this.provinceName.push(`${placeName(random)}省`);
      const inProvince = Math.floor(this.counties / provinces) + (p < this.counties % provinces ? 1 : 0);
      const cities = Math.min(99, Math.max(1, Math.ceil(inProvince / countiesPerCity)));
      for (let k = 0; k < cities; k++) {
        const city = this.cityCode.length;
        this.cityProvince.push(p);
        this.cityCode.push(`${code.slice(0, 2)}${pad(k + 1, 2)}00`);
        this.cityName.push(`${placeName(random)}市`);
        this.cityTerm.push(random.int(8, 18));
        const inCity = Math.floor(inProvince / cities) + (k < inProvince % cities ? 1 : 0);
        for (let j = 0; j < inCity; j++) {
          this.countyCity[county] = city;
          this.countyCode[county] = `${this.cityCode[city].slice(0, 4)}${pad(j + 1, 2)}`;
          county += 1;
        }
      }
    }
  }

  /** One county's size, townships and the counts of the rows others reference. */
  private drawCounty(c: number): void {
    const random = this.stream('plan', c);
    const kindU = frac(0.137 + c * 0.6180339887498949);
    const townshipU = frac(0.71 + c * 0.41421356237309515);
    const kind = kindU < 0.33 ? 0 : kindU < 0.88 ? 1 : 2;
    this.countyKind[c] = kind;
    this.countyName[c] = placeName(random) + ['区', '县', '市'][kind];
    const townships = 9 + Math.floor(townshipU * 10);
    let streets: number;
    let towns: number;
    if (kind === 0) {
      towns = random.int(0, 3);
      streets = townships - towns;
    } else if (kind === 1) {
      streets = random.int(0, 2);
      towns = Math.round((townships - streets) * (0.45 + 0.2 * random.next()));
    } else {
      streets = random.int(2, 6);
      towns = Math.round((townships - streets) * 0.8);
    }
    const population = random.int(150_000, kind === 2 ? 1_200_000 : 800_000);
    this.countyPopulation[c] = population;
    this.countyTerm[c] = random.chance(0.8) ? 18 : random.int(17, 19);
    this.electionDay[c] = day(2021, 9, 15) + random.int(0, 100);
    this.minorityShare[c] = random.chance(0.8) ? 0.02 + 0.06 * random.next() : 0.3 + 0.5 * random.next();
    const province = this.cityProvince[this.countyCity[c]];
    this.latitude[c] = 24 + province * 2 + random.next() * 2;
    this.longitude[c] = 100 + province * 2 + random.next() * 3;

    const countySeats = random.int(150, 300);
    this.countySeats[c] = countySeats;

    // Townships: codes by kind, population shares, congress seats (streets have none), stations.
    const first = this.townships;
    this.townshipStart[c] = first;
    const code = this.countyCode[c];
    const counters = [0, 100, 200];
    let seats = 0;
    let station = this.blocks.liaison_station[c] + 1; // the county's own home comes first
    for (let t = 0; t < townships; t++) {
      const tKind = t < streets ? 0 : t < streets + towns ? 1 : 2;
      counters[tKind] += 1;
      this.townshipCode.push(`${code}${pad(counters[tKind], 3)}`);
      this.townshipName.push(placeName(random) + ['街道', '镇', '乡'][tKind]);
      this.townshipKind.push(tKind);
      this.townshipPopulation.push(Math.round((population / townships) * (0.5 + random.next())));
      const tSeats = tKind === STREET ? 0 : random.int(55, 107);
      this.townshipSeatStart.push(seats);
      this.townshipSeats.push(tSeats);
      seats += tSeats;
      const stations = 3 + random.int(0, 4);
      this.townshipStationStart.push(station);
      this.townshipStations.push(stations);
      station += stations;
    }
    this.townshipStart[c + 1] = first + townships;

    this.municipalSeats[c] = random.int(20, 36);
    this.provincialSeats[c] = random.int(3, 7);
    this.nationalSeats[c] = random.int(0, 2);
    let doubles = 0;
    for (let t = 0; t < townships; t++) if (this.townshipKind[first + t] !== STREET) doubles += this.doublesOfDistrict(c, t);
    this.doubleSeats[c] = doubles;
    this.officials[c] = random.int(40, 60);
    this.professionalGroups[c] = random.int(3, 7);
    this.functionalGroups[c] = random.int(1, 4);
    const higher = this.municipalSeats[c] + this.provincialSeats[c] + this.nationalSeats[c];
    const deputies = countySeats + seats + higher;
    const counts: Record<BlockTable, number> = {
      person: countySeats + seats - this.doubleSeats[c] + higher + this.officials[c],
      deputy: deputies,
      liaison_station: station - this.blocks.liaison_station[c],
      deputy_group: this.professionalGroups[c] + townships + this.functionalGroups[c],
      organisation: organisationsPerCounty,
      activity: Math.round(deputies * 1.112 * (0.9 + 0.2 * random.next())),
      suggestion: Math.round(deputies * 0.2967 * (0.9 + 0.2 * random.next())),
      appointment: random.int(80, 130),
      training: random.int(8, 13),
    };
    for (const table of blockTables) this.blocks[table][c + 1] = this.blocks[table][c] + counts[table];
  }
}
