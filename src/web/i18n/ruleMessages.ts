import { RULES, type RuleId } from '../../domain/ruleCatalogue.ts';
import type { Lang } from './translate.ts';

/**
 * Each ledger rule as an official reads it on a page, in Spanish. The rule's id stays in the
 * page's data attributes and in the API's problem body, never in the sentence. English pages use
 * the catalogue's own description (src/domain/ruleCatalogue.ts).
 */
export const RULES_ES = {
  DATED_AFTER_RECORDING: 'La fecha no puede ser posterior al día en que se registra el hecho.',
  DATED_BEFORE_SUBJECT: 'La fecha no puede ser anterior a aquello a lo que se refiere el hecho (la instalación de la comisión, la formulación de la observación, el registro del proyecto…).',
  LOCAL_GOVERNMENT_UNKNOWN: 'El gobierno local no está registrado.',
  LOCAL_GOVERNMENT_ALREADY_REGISTERED: 'Ese gobierno local ya está registrado.',
  TERM_UNKNOWN: 'Ese periodo de gestión no ha empezado para este gobierno local.',
  TERM_ALREADY_STARTED: 'Ese periodo de gestión ya empezó.',
  TERM_ALREADY_ENDED: 'Ese periodo de gestión ya terminó.',
  TERM_ENDS_BEFORE_START: 'Un periodo de gestión no puede terminar antes de empezar.',
  TERM_OUTSIDE_ITS_YEARS: 'El periodo debe empezar y terminar dentro de los años que indica su código (2019-2022: de 2019 a 2022).',
  TERMS_OVERLAP: 'Los periodos de un gobierno local no se superponen: uno empieza cuando los demás han terminado.',
  PLAN_UNKNOWN: 'Ese plan no está registrado.',
  PLAN_ALREADY_DRAFTED: 'Ese plan ya está registrado.',
  PLAN_VERSION_NOT_CONSECUTIVE: 'Las versiones de un plan son consecutivas: la actualización es la versión vigente más uno.',
  PLAN_VERSION_UNKNOWN: 'Un plan solo se aprueba en una versión que existe.',
  PLAN_VERSION_ALREADY_ADOPTED: 'Esa versión del plan ya fue aprobada, o es anterior a la aprobada.',
  PLAN_NOT_ADOPTED: 'El plan aún no está aprobado.',
  PLAN_ALREADY_RECOGNIZED: 'El plan ya fue reconocido como política pública.',
  PLAN_OF_ANOTHER_LOCAL_GOVERNMENT: 'El plan pertenece a otro gobierno local.',
  PLAN_NOT_INHERITED: 'Solo se hereda un plan aprobado en un periodo anterior.',
  INHERITANCE_NOT_BY_TERM_IN_OFFICE: 'La decisión sobre un plan heredado la toma la gestión en funciones ese día.',
  INHERITANCE_ALREADY_DECIDED: 'La gestión ya decidió sobre ese plan heredado.',
  OBJECTIVE_UNKNOWN: 'El objetivo no pertenece a la versión vigente del plan.',
  TRANSITION_UNKNOWN: 'La comisión de esa transferencia no ha sido instalada.',
  TRANSITION_ALREADY_FORMED: 'La comisión de esa transferencia ya fue instalada.',
  TRANSITION_TERMS_NOT_SUCCESSIVE: 'La transferencia va de un periodo al siguiente.',
  COMMISSION_SIDE_MISSING: 'La comisión necesita integrantes de la autoridad saliente y de la entrante.',
  HANDOVER_ACT_ALREADY_SIGNED: 'El acta de transferencia ya está firmada: no se registra nada más en esta transferencia.',
  HANDOVER_ITEM_ALREADY_RECORDED: 'Ya hay una entrega con ese código en esta transferencia; use otro código.',
  HANDOVER_ITEM_UNKNOWN: 'La entrega observada no pertenece a esta transferencia.',
  COMMISSION_DECISION_ALREADY_RECORDED: 'Ya hay un acuerdo con ese código en esta transferencia.',
  OBSERVATION_ALREADY_RAISED: 'Ya hay una observación con ese código en esta transferencia; use otro código.',
  OBSERVATION_UNKNOWN: 'Esa observación no fue formulada en esta transferencia.',
  OBSERVATION_ALREADY_RESOLVED: 'Esa observación ya fue absuelta.',
  OBSERVATIONS_OPEN: 'El acta se firma cuando todas las observaciones están absueltas.',
  TABLE_UNKNOWN: 'La mesa técnica no está registrada.',
  TABLE_ALREADY_ESTABLISHED: 'La mesa técnica ya está registrada.',
  PROJECT_UNKNOWN: 'El proyecto no está registrado.',
  PROJECT_ALREADY_REGISTERED: 'El proyecto ya está registrado.',
  PROJECT_NOT_OF_LOCAL_GOVERNMENT: 'El proyecto no incluye a este gobierno local.',
  COMMITMENT_ALREADY_RECORDED: 'Ya hay un compromiso de financiamiento con ese código en el proyecto.',
  ALLOCATION_ALREADY_RECORDED: 'Ya hay una asignación con ese código en el presupuesto del gobierno local.',
  FISCAL_YEAR_OUTSIDE_PLAN_HORIZON: 'El año fiscal está fuera del horizonte del plan citado.',
  PLAN_REPLACED: 'La gestión en funciones decidió reemplazar ese plan: no se le asigna presupuesto.',
  PLAN_INHERITANCE_PENDING: 'La gestión en funciones aún no decidió continuar o revisar ese plan heredado.',
  RETRACTION_TARGET_UNKNOWN: 'El evento que se quiere retirar no está registrado.',
  ENTRY_ALREADY_RETRACTED: 'Ese evento ya fue retirado.',
  RETRACTION_NOT_RETRACTABLE: 'Un retiro no se retira: registre el hecho de nuevo.',
} as const satisfies Record<RuleId, string>;

function isRuleId(rule: string): rule is RuleId {
  return Object.hasOwn(RULES, rule);
}

/** The sentence for a broken rule in `lang`; undefined for a rule this catalogue does not know. */
export function ruleMessage(rule: string, lang: Lang): string | undefined {
  if (!isRuleId(rule)) return undefined;
  return lang === 'es' ? RULES_ES[rule] : `${RULES[rule]}.`;
}
