import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import { listNotifications, markNotificationRead } from './notifications.js';
import { priorityList } from './priority-list.js';
import { getRegionSettings, updateRegionSettings } from './region-settings.js';
import {
  Notification,
  NotificationList,
  NotificationQuery,
  PriorityListItem,
  PriorityListQuery,
  RegionSettings,
  RegionSettingsUpdate,
} from './schemas.js';

export function monitoringRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/priority-list',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: ['monitoring'],
          summary: 'The priority list: open cases you may see, and provisionally closed ones back on the list',
          description:
            'Sorted by the column you choose (sort, direction) — never by a computed rank. A date that is ' +
            'not set sorts as "never": no next review = last, no conference yet = longest ago.',
          querystring: PriorityListQuery,
          response: { 200: listOf(PriorityListItem), ...signedInProblems },
        },
      },
      async (req) => priorityList(deps, actorOf(req), req.id, req.query),
    );

    r.get(
      '/notifications',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['notifications'],
          summary: 'Your notifications, newest first, with the number of unread ones',
          querystring: NotificationQuery,
          response: { 200: NotificationList, ...signedInProblems },
        },
      },
      async (req) => listNotifications(deps, actorOf(req), req.query),
    );
    r.post(
      '/notifications/:id/read',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of your notifications as read',
          params: IdParams,
          response: { 200: Notification, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => markNotificationRead(deps, actorOf(req), req.params.id),
    );

    r.get(
      '/region-settings',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['region-settings'],
          summary: 'Settings of the current region (proportionality review interval, Twbmt measures)',
          response: { 200: RegionSettings, ...signedInProblems },
        },
      },
      async (req) => getRegionSettings(deps, actorOf(req)),
    );
    r.put(
      '/region-settings',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ['region-settings'],
          summary: 'Change the settings of the current region (administrator)',
          body: RegionSettingsUpdate,
          response: { 200: RegionSettings, ...signedInProblems, ...problems(409) },
        },
      },
      async (req) => updateRegionSettings(deps, actorOf(req), req.body),
    );
  };
}
