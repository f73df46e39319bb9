/** Dutch texts of the programme pages, under the key "programmePages". programme-en.ts mirrors this shape. */
export const programmeNl = {
  programmePages: {},
};
