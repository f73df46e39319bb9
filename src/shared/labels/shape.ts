import type { labelsNl } from './nl.js';

/** The shape every language of the catalogue has: the same groups and keys as the Dutch one. */
export type LabelShape = { [G in keyof typeof labelsNl]: { [K in keyof (typeof labelsNl)[G]]: string } };
export type LabelGroup = keyof LabelShape;
