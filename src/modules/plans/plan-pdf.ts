/**
 * The plan of approach as a printable PDF (format of seed 003): case reference, target group, problem
 * analysis, goals, interventions, actions and the next review date. It names the case by its
 * reference only — never the person — and so does its file name.
 */
import { DomainError } from '../../core/errors.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { type Content, renderPdf } from '../../platform/pdf.js';
import { dateNl } from './actions-service.js';
import { loadCase, logCaseAccess } from './case-access.js';
import type { TargetGroup, ToolboxCategory } from './catalogue.js';
import { loadPlanJson } from './plan-service.js';

export const TARGET_GROUP_NL: Record<TargetGroup, string> = {
  radicalised: 'Geradicaliseerde',
  recruiter: 'Ronselaar',
  intending_traveller: 'Voornemen tot uitreizen',
  stay_at_home: 'Thuisblijver',
  departed: 'Uitgereisde',
  returnee: 'Terugkeerder',
  detainee: '(Ex-)gedetineerde voor terroristische misdrijven',
  family_member: 'Familielid',
};

export const CATEGORY_NL: Record<ToolboxCategory, string> = {
  limiting_criminal: 'Begrenzen — strafrecht',
  limiting_administrative: 'Begrenzen — bestuursrecht',
  twbmt: 'Begrenzen — Twbmt',
  passport: 'Begrenzen — paspoortmaatregel',
  influencing: 'Beïnvloeden — zorg en hulp',
  duiding: 'Duiding',
};

const INTERVENTION_STATUS_NL: Record<string, string> = {
  planned: 'Gepland',
  active: 'Lopend',
  completed: 'Afgerond',
  stopped: 'Gestopt',
};
const ACTION_STATUS_NL: Record<string, string> = {
  open: 'Open',
  in_progress: 'In uitvoering',
  done: 'Gereed',
  cancelled: 'Vervallen',
};

const timestampNl = (d: string) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(d))
    .replaceAll('/', '-');
const orDash = (v: string | null | undefined) => (v && v.length > 0 ? v : '—');

/** Only safe characters in a file name: the reference is of the form C-2026-0001. */
export const planFileName = (reference: string) => `plan-van-aanpak-${reference.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;

export async function planPdf(deps: Deps, actor: Actor, traceId: string, caseId: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const plan = await loadPlanJson(tx, c);
    if (!plan) throw new DomainError('NOT_FOUND', 'The case has no plan of approach yet.');
    const actions = await tx
      .selectFrom('actions as a')
      .innerJoin('organisations as o', 'o.id', 'a.owner_organisation_id')
      .select(['a.title', 'o.name as owner_organisation_name', 'a.due_on', 'a.status'])
      .where('a.case_id', '=', c.id)
      .orderBy('a.due_on')
      .orderBy('a.id')
      .execute();
    const region = await tx.selectFrom('regions').select('is_demo').where('id', '=', actor.regionId).executeTakeFirst();
    await logCaseAccess(tx, actor, traceId, c, 'export', 'plan', plan.id);

    const header = (...cells: string[]) => cells.map((text) => ({ text, style: 'label' }));
    const content: Content[] = [
      {
        table: {
          widths: [150, '*'],
          body: [
            [{ text: 'Casus', style: 'label' }, plan.caseReference],
            [{ text: 'Doelgroep', style: 'label' }, TARGET_GROUP_NL[plan.targetGroup]],
            [
              { text: 'Status plan', style: 'label' },
              plan.status === 'adopted'
                ? `Vastgesteld${plan.adoptedAt ? ` op ${timestampNl(plan.adoptedAt)}` : ''}`
                : 'Concept (nog niet vastgesteld)',
            ],
            [{ text: 'Volgende herbeoordeling', style: 'label' }, plan.nextReviewOn ? dateNl(plan.nextReviewOn) : '—'],
          ],
        },
        layout: 'noBorders',
      },
      { text: 'Probleemanalyse', style: 'h2' },
      { text: orDash(plan.problemAnalysis) },
      { text: 'Doelen', style: 'h2' },
      plan.goals.length > 0 ? { ol: plan.goals.map((g) => g.text) } : { text: 'Nog geen doelen.', style: 'muted' },
      { text: 'Interventies', style: 'h2' },
      plan.interventions.length > 0
        ? {
            table: {
              headerRows: 1,
              widths: ['*', 95, 95, 55, 55, 55],
              body: [
                header('Interventie', 'Categorie', 'Verantwoordelijk', 'Status', 'Start', 'Einde'),
                ...plan.interventions.map((i) => [
                  { stack: [i.toolboxItem.nameNl, ...(i.goal ? [{ text: i.goal, style: 'muted' }] : [])] },
                  CATEGORY_NL[i.toolboxItem.category],
                  i.responsibleOrganisationName,
                  INTERVENTION_STATUS_NL[i.status] ?? i.status,
                  i.startsOn ? dateNl(i.startsOn) : '—',
                  i.endsOn ? dateNl(i.endsOn) : '—',
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
          }
        : { text: 'Nog geen interventies.', style: 'muted' },
      { text: 'Acties', style: 'h2' },
      actions.length > 0
        ? {
            table: {
              headerRows: 1,
              widths: ['*', 120, 65, 70],
              body: [
                header('Actie', 'Eigenaar', 'Uiterlijk', 'Status'),
                ...actions.map((a) => [
                  a.title,
                  a.owner_organisation_name,
                  dateNl(a.due_on),
                  ACTION_STATUS_NL[a.status] ?? a.status,
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
          }
        : { text: 'Nog geen acties.', style: 'muted' },
      {
        text: `Volgende herbeoordeling: ${plan.nextReviewOn ? dateNl(plan.nextReviewOn) : 'nog niet gepland'}`,
        style: 'h3',
      },
    ];
    const pdf = await renderPdf({
      title: 'Plan van aanpak',
      subtitle: `Casus ${plan.caseReference} · ${TARGET_GROUP_NL[plan.targetGroup]}`,
      content,
      demo: region?.is_demo ?? false,
      generatedAt: deps.now(),
    });
    return { pdf, fileName: planFileName(plan.caseReference) };
  });
}
