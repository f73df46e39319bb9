/** Dutch texts of the networks pages, under the key "networksPages". networks-en.ts mirrors this shape. */
export const networksNl = {
  networksPages: {},
};
