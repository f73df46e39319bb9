/** English texts of the privacy pages; same shape as privacy-nl.ts. */
export const privacyEn = {
  privacyPages: {},
};
