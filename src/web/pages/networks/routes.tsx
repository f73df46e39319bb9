/** The pages of this area, with their guards. Filled in by the area's pages. */
import type { ReactNode } from 'react';
import type { NavItem } from '../../components/nav-item.js';

export function networksRoutes(): ReactNode[] {
  return [];
}

/** This area's entries in the main navigation. */
export const networksNav: NavItem[] = [];
