/** The comparison as the analysis page and a leader's home ask for it: rows, medians and the parents' own values. */
export const comparisonQuery = `query($metrics: [String!]!, $level: RegionLevel!, $parentId: ID, $regionIds: [ID!], $years: [Int!], $period: PeriodInput) {
  compareRegions(metrics: $metrics, level: $level, parentId: $parentId, regionIds: $regionIds, years: $years, period: $period) {
    metrics
    rows { region { id name code level } year values }
    medians { year values }
    parents { region { id name code level } year values } } }`;
