/** English texts of the programme pages; same shape as programme-nl.ts. */
export const programmeEn = {
  programmePages: {},
};
