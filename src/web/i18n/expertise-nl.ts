/** Dutch texts of the expertise pages, under the key "expertisePages". expertise-en.ts mirrors this shape. */
export const expertiseNl = {
  expertisePages: {},
};
