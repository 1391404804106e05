import { z } from 'zod';

/**
 * The Contraloría's directives a transition can follow, by their official number:
 * - `008-2018-CG/GTN`: "Transferencia de Gestión en las Entidades del Estado" (2018 transfer);
 * - `016-2022-CG/PREVI`: "Rendición de Cuentas de Titulares y Transferencia de Gestión"
 *   (Resolución de Contraloría N° 267-2022-CG, published 5 August 2022), which replaced it.
 * A transition names its directive once, in the event that opens it (directives.ts).
 */
export const DirectiveId = z.enum(['008-2018-CG/GTN', '016-2022-CG/PREVI']);
export type DirectiveId = z.infer<typeof DirectiveId>;
