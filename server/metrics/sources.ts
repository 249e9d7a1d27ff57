/**
 * For each table a metric part reads, the regions whose facts a changed row affects, as a SELECT over a
 * set of rows (`rows`: a trigger's transition table). A seat's facts live in the region that elected it,
 * so a change to a person, an activity or a training reaches the regions of the seats it touches.
 * Marking too much costs a recomputation; marking too little would leave a number stale, so a part that
 * reads a table missing here is refused when the triggers are installed.
 */
const own = (rows: string) => `select region_id from ${rows}`;
const viaDeputy = (rows: string) => `select d.region_id from ${rows} r join deputy d on d.id = r.deputy_id`;
const viaPerson = (column: string) => (rows: string) => `select d.region_id from ${rows} r join deputy d on d.person_id = r.${column}`;

export const affectedRegions: Record<string, (rows: string) => string> = {
  deputy: own,
  person: viaPerson('id'),
  liaison_station: own,
  deputy_group: own,
  activity: (rows) =>
    `${own(rows)} union select d.region_id from ${rows} r join activity_participant ap on ap.activity_id = r.id join deputy d on d.id = ap.deputy_id`,
  activity_participant: viaDeputy,
  station_assignment: viaDeputy,
  funding_allocation: own,
  suggestion: own,
  appointment: own,
  oath: (rows) => `select t.region_id from ${rows} r join appointment t on t.id = r.appointment_id`,
  training: (rows) => `select d.region_id from ${rows} r join training_participant tp on tp.training_id = r.id join deputy d on d.person_id = tp.person_id`,
  training_participant: viaPerson('person_id'),
};
