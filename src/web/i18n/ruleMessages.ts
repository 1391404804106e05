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
  DIRECTIVE_OPENS_OTHERWISE: 'Una transferencia se abre con el hecho con que empieza el proceso de su directiva (la de 2018, conformando su comisión).',
  EVENT_NOT_OF_DIRECTIVE: 'Ese hecho no forma parte del proceso de la directiva de esta transferencia.',
  DOCUMENT_ALREADY_RECORDED: 'Ese documento ya está registrado en esta transferencia; para corregirlo, retire el registro y regístrelo de nuevo.',
  TRANSFER_TEAM_NOT_DESIGNATED: 'Primero debe registrarse la conformación del Equipo de Trabajo de Transferencia Saliente (ETTS).',
  ACCOUNTABILITY_UPDATE_BEFORE_INITIAL: 'El informe de rendición de cuentas actualizado se presenta después del inicial.',
  COMMISSION_TEAMS_MISSING: 'La Comisión de Transferencia se instala cuando ambos equipos de transferencia (ETTS y ETTE) están conformados.',
  SUPPLEMENTARY_BEFORE_TRANSFER_REPORT: 'El informe complementario se presenta después del Informe de Transferencia de Gestión.',
  SUPPLEMENTARY_REPORT_ALREADY_FILED: 'Ya hay un informe complementario con ese código en esta transferencia.',
  ACT_BEFORE_TRANSFER_REPORT: 'El Acta de Transferencia de Gestión se suscribe después de presentado el Informe de Transferencia de Gestión.',
  ACT_BEFORE_COMMISSION_INSTALLED: 'El Acta de Transferencia de Gestión se suscribe después de instalada la Comisión de Transferencia.',
  ACT_SIGNATORIES: 'El acta la suscriben, una vez cada uno, el titular entrante, el titular saliente, el funcionario responsable y el responsable del ETTE.',
  INCOMING_TEAM_TOO_SMALL: 'El Equipo de Trabajo de Transferencia Entrante (ETTE) tiene al menos tres integrantes.',
  TRANSFER_TEAM_LEAD: 'El ETTE tiene un único responsable, y el ETTS a lo más uno.',
  TRANSFER_REPORT_SECTIONS: 'El Informe de Transferencia de Gestión tiene sus cinco secciones, de la I a la V, cada una una vez.',
  COMMISSION_NOT_INSTALLED: 'Con la directiva de 2022, la comisión registra observaciones y decisiones una vez instalada.',
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
