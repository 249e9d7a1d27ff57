/**
 * The congress calendar: annual sessions (人民代表大会第 N 次会议, the first of each term in 2017 and 2022)
 * and standing-committee meetings every two months (常委会第 N 次会议, numbered within the term), for a
 * county or a city. Appointments, suggestions, motions and livelihood votes are dated on it.
 */
import { addDays } from '../random.js';
import { referenceDate, zhNumber } from './shared.js';
import type { County } from './world.js';

export type Meeting = { date: string; name: string; term: number };

/** A congress: its current term number and the month-day of its annual session. */
export type Congress = { term: number; sessionDay: string };

const firstYears = { previous: 2017, current: 2022 };

export const congressOf = (county: County): Congress => ({ term: county.terms.current.number, sessionDay: county.profile.sessionDay });

/** Annual sessions 2017–2024. */
export function sessions(congress: Congress): Meeting[] {
  const meetings: Meeting[] = [];
  for (let year = 2017; year <= 2024; year++) {
    const current = year >= firstYears.current;
    const term = congress.term - (current ? 0 : 1);
    const n = year - (current ? firstYears.current : firstYears.previous) + 1;
    meetings.push({ date: addDays(`${year}-${congress.sessionDay}`, (year * 7) % 5), name: `第${zhNumber(term)}届人民代表大会第${zhNumber(n)}次会议`, term });
  }
  return meetings;
}

/** The session held in `year`. */
export function sessionIn(congress: Congress, year: number): Meeting {
  return sessions(congress).find((meeting) => meeting.date.startsWith(String(year)))!;
}

/** Standing-committee meetings, about every two months from each term's first session to the reference date. */
export function standingMeetings(congress: Congress): Meeting[] {
  const meetings: Meeting[] = [];
  for (const [which, year] of Object.entries(firstYears)) {
    const term = congress.term - (which === 'current' ? 0 : 1);
    const end = which === 'current' ? referenceDate : `${firstYears.current - 1}-12-31`;
    for (let n = 1; ; n++) {
      const month = 2 * n - 1;
      const date = `${year + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 2).padStart(2, '0')}-${String(20 + ((n * 7) % 9)).padStart(2, '0')}`;
      if (date > end) break;
      meetings.push({ date, name: `第${zhNumber(term)}届人大常委会第${zhNumber(n)}次会议`, term });
    }
  }
  return meetings;
}
