/** Dutch texts of the reports pages, under the key "reportsPages". reports-en.ts mirrors this shape. */
export const reportsNl = {
  reportsPages: {},
};
