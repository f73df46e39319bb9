/**
 * The pages of contact circles, key figures and networks, with the permissions their API uses:
 * contact circles and key figures hold personal data of key figures (programme:contacts, the network
 * director); networks are programme work (programme:work), their member list is shown only with
 * programme:contacts.
 */
import type { ReactNode } from 'react';
import { guardedRoute } from '../../auth/guards.js';
import type { NavItem } from '../../components/nav-item.js';
import { newPath, paths } from '../../paths.js';
import { ContactCirclePage } from './contact-circle-page.js';
import { ContactCircleNewPage, ContactCirclesPage } from './contact-circles.js';
import { KeyFigureFormPage, KeyFiguresPage } from './key-figures.js';
import { NetworkFormPage, NetworkPage, NetworksPage } from './networks.js';

export function networksRoutes(): ReactNode[] {
  return [
    guardedRoute(paths.contactCircles, <ContactCirclesPage />, 'programme:contacts'),
    guardedRoute(newPath(paths.contactCircles), <ContactCircleNewPage />, 'programme:contacts'),
    guardedRoute(`${paths.contactCircles}/:id`, <ContactCirclePage />, 'programme:contacts'),
    guardedRoute(paths.keyFigures, <KeyFiguresPage />, 'programme:contacts'),
    guardedRoute(newPath(paths.keyFigures), <KeyFigureFormPage />, 'programme:contacts'),
    guardedRoute(`${paths.keyFigures}/:id`, <KeyFigureFormPage />, 'programme:contacts'),
    guardedRoute(paths.networks, <NetworksPage />, 'programme:work'),
    guardedRoute(newPath(paths.networks), <NetworkFormPage />, 'programme:work'),
    guardedRoute(`${paths.networks}/:id`, <NetworkPage />, 'programme:work'),
    guardedRoute(`${paths.networks}/:id/edit`, <NetworkFormPage />, 'programme:work'),
  ];
}

/** This area's entries in the main navigation. */
export const networksNav: NavItem[] = [
  { to: paths.contactCircles, label: 'networksPages.nav.contactCircles', permission: 'programme:contacts' },
  { to: paths.keyFigures, label: 'networksPages.nav.keyFigures', permission: 'programme:contacts' },
  { to: paths.networks, label: 'networksPages.nav.networks', permission: 'programme:work' },
];
