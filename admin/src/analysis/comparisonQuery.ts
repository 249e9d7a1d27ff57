/** The comparison as the analysis page and a leader's home ask for it: rows, medians, the parents' own values, the metrics still being recomputed, and whether the figures are catching up with a bulk change. */
export const comparisonQuery = `query($metrics: [String!]!, $level: RegionLevel!, $parentId: ID, $regionIds: [ID!], $years: [Int!], $period: PeriodInput) {
  compareRegions(metrics: $metrics, level: $level, parentId: $parentId, regionIds: $regionIds, years: $years, period: $period) {
    metrics
    recomputing
    catchingUp
    rows { region { id name code level } year values }
    medians { year values }
    parents { region { id name code level } year values } } }`;
