/**
 * Route options (access + OpenAPI schema) for the usual resource routes, so that every module
 * declares them the same way: `r.get('/things', listRoute('x:read', { tags, summary, querystring }, Thing), …)`.
 * Each builder keeps the zod types of its schema, so the type provider still types the handler's request.
 */
import { z } from 'zod';
import type { Access } from './auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from './openapi.js';

/** Problems of a read of one resource (or of a list below one): the signed-in ones and 404. */
export const readProblems = { ...signedInProblems, ...problems(404) };
/** Problems of a change: the signed-in ones, 404, 409 (stale version, conflict) and 422 (business rule). */
export const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

/** What the OpenAPI document says of a route. */
export type RouteDoc = { tags: string[]; summary: string; description?: string };

/** The doc as it is, typed with the params it may have (an absent `params` stays absent: not even a key). */
const withParams = <D extends { params?: unknown }>(doc: D) => doc as Omit<D, 'params'> & { params: D['params'] & {} };

/** GET of a paged list (200 `listOf(item)`); below a resource (`params`) it also answers 404. */
export function listRoute<T extends z.ZodType, Q extends z.ZodType, P extends z.ZodType | undefined = undefined>(
  access: Access,
  doc: RouteDoc & { params?: P; querystring: Q },
  item: T,
) {
  const problemsOf = doc.params ? readProblems : signedInProblems;
  return { config: { access }, schema: { ...withParams(doc), response: { 200: listOf(item), ...problemsOf } } };
}

/** GET of one resource by its id (or other `params`): 200 `item` or 404. */
export function getRoute<T extends z.ZodType, P extends z.ZodType = typeof IdParams>(
  access: Access,
  doc: RouteDoc & { params?: P },
  item: T,
) {
  return {
    config: { access },
    schema: { ...doc, params: (doc.params ?? IdParams) as P, response: { 200: item, ...readProblems } },
  };
}

/** POST that creates a resource: 201 `item`. */
export function createRoute<T extends z.ZodType, B extends z.ZodType, P extends z.ZodType | undefined = undefined>(
  access: Access,
  doc: RouteDoc & { params?: P; body: B },
  item: T,
) {
  return { config: { access }, schema: { ...withParams(doc), response: { 201: item, ...writeProblems } } };
}

/** PATCH (or POST of an action) that changes a resource by its id (or other `params`): 200 `item`. */
export function updateRoute<T extends z.ZodType, B extends z.ZodType, P extends z.ZodType = typeof IdParams>(
  access: Access,
  doc: RouteDoc & { params?: P; body: B },
  item: T,
) {
  return {
    config: { access },
    schema: { ...doc, params: (doc.params ?? IdParams) as P, response: { 200: item, ...writeProblems } },
  };
}

/** POST of an action that is carried out in the background (on the job queue): 202 `item`. */
export function acceptedRoute<T extends z.ZodType, B extends z.ZodType, P extends z.ZodType = typeof IdParams>(
  access: Access,
  doc: RouteDoc & { params?: P; body: B },
  item: T,
) {
  return {
    config: { access },
    schema: { ...doc, params: (doc.params ?? IdParams) as P, response: { 202: item, ...writeProblems } },
  };
}

/** DELETE (or POST of an ending action) by id (or other `params`) answering 204 with no body. */
export function noContentRoute<P extends z.ZodType = typeof IdParams, B extends z.ZodType | undefined = undefined>(
  access: Access,
  doc: RouteDoc & { params?: P; body?: B },
  outcome: string,
) {
  return {
    config: { access },
    schema: {
      ...doc,
      params: (doc.params ?? IdParams) as P,
      response: { 204: z.null().meta({ description: outcome }), ...writeProblems },
    },
  };
}
