/**
 * The facts of a record as a definition list: a term and its value per row, in the order given.
 */
import { Fragment, type ReactNode } from 'react';
import { DescriptionList } from './ams.js';

export interface DetailRow {
  term: string;
  value: ReactNode;
}

export function Details({
  rows,
  className,
  termsWidth,
}: {
  rows: DetailRow[];
  className?: string;
  termsWidth?: 'narrow' | 'medium' | 'wide';
}) {
  return (
    <DescriptionList className={className} termsWidth={termsWidth}>
      {rows.map((row) => (
        <Fragment key={row.term}>
          <DescriptionList.Term>{row.term}</DescriptionList.Term>
          <DescriptionList.Description>{row.value}</DescriptionList.Description>
        </Fragment>
      ))}
    </DescriptionList>
  );
}
