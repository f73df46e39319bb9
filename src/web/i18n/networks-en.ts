/** English texts of the networks pages; same shape as networks-nl.ts. */
export const networksEn = {
  networksPages: {},
};
