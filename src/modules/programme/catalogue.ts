import type { Tx } from '../../platform/db/database.js';
import { ACTION_LINES, INTERVENTIONS } from './catalogue-data.js';

/**
 * Seeds a region's programme catalogue: the four action lines and the interventions of seed 001.
 * Runs inside the caller's transaction with the region set; idempotent per action line and code.
 */
export async function seedProgramme(tx: Tx, regionId: string): Promise<void> {
  const lineIds = new Map<number, string>();
  for (const line of ACTION_LINES) {
    const row = await tx
      .insertInto('action_lines')
      .values({
        region_id: regionId,
        number: line.number,
        title: line.title,
        description: line.description,
        aspects: line.aspects,
      })
      .onConflict((oc) => oc.columns(['region_id', 'number']).doNothing())
      .returning('id')
      .executeTakeFirst();
    const id =
      row?.id ??
      (
        await tx
          .selectFrom('action_lines')
          .select('id')
          .where('region_id', '=', regionId)
          .where('number', '=', line.number)
          .executeTakeFirstOrThrow()
      ).id;
    lineIds.set(line.number, id);
  }
  const existing = new Set(
    (
      await tx
        .selectFrom('interventions')
        .select('code')
        .where('region_id', '=', regionId)
        .where('code', 'is not', null)
        .execute()
    ).map((r) => r.code),
  );
  const fresh = INTERVENTIONS.filter((i) => !existing.has(i.code));
  if (fresh.length === 0) return;
  await tx
    .insertInto('interventions')
    .values(
      fresh.map((i) => ({
        region_id: regionId,
        action_line_id: lineIds.get(i.actionLine) as string,
        code: i.code,
        theme: i.theme,
        name: i.name,
        goal: i.goal,
        target_group_direct: i.targetGroupDirect,
        target_group_indirect: i.targetGroupIndirect,
        execution: i.execution,
        provider: i.provider,
        protective_factors: i.protectiveFactors,
        aspects: i.aspects,
        evaluation_types: i.evaluationTypes,
        evaluation_note: i.evaluationNote,
      })),
    )
    .execute();
}
