/** English texts of the reports pages; same shape as reports-nl.ts. */
export const reportsEn = {
  reportsPages: {},
};
