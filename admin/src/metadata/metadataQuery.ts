/**
 * What the console asks of `metadata`: every field of the contract (schema/shared/metadata.ts) — a test
 * (tests/console/metadata-contract.test.ts) holds it to every field the server publishes.
 */
export const metadataQuery = `{ metadata {
  entities { name singular plural labelZh labelEn description icon area titleField searchFields pickerFields inMenu regional importable naturalKeys
    defaultSort { field direction } operations
    fields { name kind graphqlType required nullable readOnly labelZh labelEn description
      options { value labelZh labelEn color } reference { entity inverse onDelete } views validator maxLength min max scale
      personal masked sortable filterable groupable measurable display }
    ranges { start end } }
  areas { key labelZh labelEn }
  viewer { id username displayName role region { id code name } capabilities } } }`;
