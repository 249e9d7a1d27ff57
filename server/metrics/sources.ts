/**
 * For each table a metric part reads, the regions whose facts a changed row affects, as a SELECT over a
 * set of rows (`rows`: a trigger's transition table). A seat's facts live in the region that elected it,
 * so a change to a person, an activity or a training reaches the regions of the seats it touches.
 * Marking too much costs a recomputation; marking too little would leave a number stale, so a part that
 * reads a table missing here is refused when the triggers are installed.
 */
const own = (rows: string) => `select region_id from ${rows}`;
/**
 * Each changed row reaches its regions through a lateral subquery: a transition table has no statistics,
 * and a plain join lets the planner scan a table of millions. The lookups name `deleted_at is null` (a
 * deleted row counts in no metric), which is what lets them use the partial foreign-key indexes: without
 * it an activity's insert scanned every participation (1.2 s nationally).
 */
const through = (rows: string, lookup: string) => `select x.region_id from ${rows} r cross join lateral (${lookup}) x`;
const viaDeputy = (rows: string) => through(rows, 'select d.region_id from deputy d where d.id = r.deputy_id');
const viaPerson = (column: string) => (rows: string) => through(rows, `select d.region_id from deputy d where d.person_id = r.${column} and d.deleted_at is null`);

export const affectedRegions: Record<string, (rows: string) => string> = {
  deputy: own,
  // A person's seats, and the appointments naming them (the appointee is an appointment's required parent).
  person: (rows) => `${viaPerson('id')(rows)} union ${through(rows, 'select t.region_id from appointment t where t.appointee_id = r.id')}`,
  // A station's own region, and the seats assigned to it (a seat's assignment counts only while its station is live).
  liaison_station: (rows) =>
    `${own(rows)} union ${through(rows, 'select d.region_id from station_assignment sa join deputy d on d.id = sa.deputy_id where sa.station_id = r.id and sa.deleted_at is null')}`,
  deputy_group: own,
  activity: (rows) =>
    `${own(rows)} union ${through(rows, 'select d.region_id from activity_participant ap join deputy d on d.id = ap.deputy_id where ap.activity_id = r.id and ap.deleted_at is null')}`,
  activity_participant: viaDeputy,
  station_assignment: viaDeputy,
  funding_allocation: own,
  suggestion: own,
  // A handling counts in its suggestion's region; an organisation's deletion takes its handlings out.
  suggestion_handling: (rows) => through(rows, 'select s.region_id from suggestion s where s.id = r.suggestion_id'),
  organisation: (rows) => through(rows, 'select s.region_id from suggestion_handling h join suggestion s on s.id = h.suggestion_id where h.organisation_id = r.id and h.deleted_at is null'),
  deadline_notice: (rows) => through(rows, 'select s.region_id from suggestion_handling h join suggestion s on s.id = h.suggestion_id where h.id = r.handling_id'),
  appointment: own,
  oath: (rows) => through(rows, 'select t.region_id from appointment t where t.id = r.appointment_id'),
  training: (rows) =>
    through(
      rows,
      `select d.region_id from training_participant tp join deputy d on d.person_id = tp.person_id and d.deleted_at is null
        where tp.training_id = r.id and tp.deleted_at is null`,
    ),
  training_participant: viaPerson('person_id'),
};
