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

/** Whether a navigation entry is for this user: the permission (if any) and the role (if limited). */
export function navItemVisible(item: NavItem, can: (p: Permission) => boolean, role: Role): boolean {
  return (!item.permission || can(item.permission)) && (!item.roles || item.roles.includes(role));
}
