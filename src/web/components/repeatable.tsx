/**
 * A fieldset that holds a list of the same small group of fields (follow-up actions, recommended
 * actions): each group in its own fieldset with a numbered legend and a remove button, and a button
 * that adds a group at the end. An error about the list as a whole stands under the outer legend.
 */
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { Button, ErrorMessage, FieldSet } from './ams.js';

export function RepeatableFieldSet<T extends { key: number }>({
  legend,
  error,
  errorId,
  items,
  setItems,
  create,
  itemLegend,
  itemClassName,
  removeLabel,
  addLabel,
  children,
}: {
  legend: string;
  error?: string | undefined;
  errorId: string;
  items: T[];
  setItems: Dispatch<SetStateAction<T[]>>;
  /** A new, empty group (with a key not used before). */
  create: () => T;
  /** The legend of the group at `index` (0-based). */
  itemLegend: (index: number) => string;
  itemClassName?: string;
  /** The text of a group's remove button, given its legend. */
  removeLabel: (legend: string) => string;
  addLabel: string;
  /** The fields of one group; `update` changes that group. */
  children: (item: T, update: (change: Partial<T>) => void) => ReactNode;
}) {
  return (
    <FieldSet legend={legend} invalid={Boolean(error)}>
      {error && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
      {items.map((item, index) => {
        const groupLegend = itemLegend(index);
        const update = (change: Partial<T>) =>
          setItems((list) => list.map((x) => (x.key === item.key ? { ...x, ...change } : x)));
        return (
          <FieldSet key={item.key} legend={groupLegend} className={itemClassName}>
            {children(item, update)}
            <p>
              <Button
                type="button"
                variant="tertiary"
                onClick={() => setItems((list) => list.filter((x) => x.key !== item.key))}
              >
                {removeLabel(groupLegend)}
              </Button>
            </p>
          </FieldSet>
        );
      })}
      <p>
        <Button type="button" variant="secondary" onClick={() => setItems((list) => [...list, create()])}>
          {addLabel}
        </Button>
      </p>
    </FieldSet>
  );
}
