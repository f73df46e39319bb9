import type { Permission, Role } from '../api/types.js';

/** One entry of the main navigation. */
export interface NavItem {
  to: string;
  label: string;
  permission?: Permission;
  /** Only for these roles (on top of the permission). */
  roles?: readonly Role[];
  end?: boolean;
}
