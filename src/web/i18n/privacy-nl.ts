/** Dutch texts of the privacy pages, under the key "privacyPages". privacy-en.ts mirrors this shape. */
export const privacyNl = {
  privacyPages: {},
};
