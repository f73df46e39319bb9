/** English texts of the expertise pages; same shape as expertise-nl.ts. */
export const expertiseEn = {
  expertisePages: {},
};
